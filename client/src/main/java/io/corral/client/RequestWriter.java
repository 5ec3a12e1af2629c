package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Xid;
import io.corral.protocol.proto.RequestHeader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The one thread that writes to a connection: it takes requests from the outgoing queue, gives each an xid, puts it on
 * the pending queue before writing it (so its reply always finds it there), and sends a ping when nothing has gone out
 * for the ping interval. It ends when stopped or when a write fails; then {@code onFailure} tears the connection down.
 */
final class RequestWriter {
    private static final System.Logger LOG = System.getLogger(RequestWriter.class.getName());
    private static final RequestHeader PING = new RequestHeader(Xid.PING, OpCode.PING);

    private final Connection connection;
    private final OutgoingQueue outgoing;
    private final PendingQueue pending;
    private final AuthTracker auth;
    private final IntSupplier nextXid;
    private final long pingIntervalNanos;
    private final Runnable onFailure;
    private final Thread thread;
    private volatile boolean stopped;

    RequestWriter(Connection connection, OutgoingQueue outgoing, PendingQueue pending, AuthTracker auth,
                  IntSupplier nextXid, int pingIntervalMs, Runnable onFailure, String name) {
        this.connection = connection;
        this.outgoing = outgoing;
        this.pending = pending;
        this.auth = auth;
        this.nextXid = nextXid;
        this.pingIntervalNanos = TimeUnit.MILLISECONDS.toNanos(pingIntervalMs);
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for it; close the connection first so that a blocked write ends too. */
    void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (thread.isAlive()) {
            throw new IllegalStateException("request writer " + thread.getName() + " did not stop within 10 s");
        }
    }

    private void run() {
        FrameWriter out = connection.writer();
        long lastSend = System.nanoTime();
        try {
            while (!stopped) {
                long untilPing = lastSend + pingIntervalNanos - System.nanoTime();
                Packet packet = untilPing > 0 ? outgoing.poll(untilPing, TimeUnit.NANOSECONDS) : null;
                if (packet == null) {
                    if (System.nanoTime() - lastSend >= pingIntervalNanos) {
                        out.write(PING, null);
                        out.flush();
                        lastSend = System.nanoTime();
                    }
                    continue;
                }
                if (send(out, packet)) {
                    lastSend = System.nanoTime();
                }
                if (outgoing.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            // Stopped.
        } catch (IOException e) {
            if (!stopped) {
                LOG.log(Level.DEBUG, "write to " + connection.remote() + " failed", e);
                onFailure.run();
            }
        }
    }

    /** False if the packet was refused without being written. */
    private boolean send(FrameWriter out, Packet packet) throws IOException {
        if (packet.needsXid()) {
            packet.assignXid(nextXid.getAsInt());
        }
        int size = out.encode(packet.header(), packet.request);
        if (size > out.maxFrameSize()) {
            // The server would drop the connection for it, failing every other pending request too.
            LOG.log(Level.WARNING, packet + " is " + size + " bytes, more than the maximum frame size "
                    + out.maxFrameSize() + "; not sent");
            packet.fail(Code.MARSHALLINGERROR);
            return false;
        }
        if (packet.opCode == OpCode.AUTH) {
            auth.sent(packet);
        } else {
            pending.add(packet);
        }
        out.send();
        return true;
    }
}
