package io.corral.server.zab.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection between two servers carrying length-prefixed frames, with a reader thread and a writer
 * thread so that a slow peer never blocks the caller: {@link #send} only queues, and a full queue (a peer that
 * stopped reading) closes the link rather than buffer without bound.
 */
final class FrameLink {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLink.class);
    static final int MAX_FRAME = 512 * 1024 * 1024;
    private static final byte[] CLOSE = new byte[0];
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final String name;
    private final BlockingQueue<byte[]> outgoing;
    private final Consumer<byte[]> onFrame;
    private final Runnable onClose;
    private volatile boolean closed;

    FrameLink(Socket socket, String name, int queueCapacity, Consumer<byte[]> onFrame, Runnable onClose) {
        this.socket = socket;
        this.name = name;
        this.outgoing = new ArrayBlockingQueue<>(queueCapacity);
        this.onFrame = onFrame;
        this.onClose = onClose;
    }

    void start() {
        Thread reader = new Thread(this::readLoop, "corral-quorum-read-" + name);
        Thread writer = new Thread(this::writeLoop, "corral-quorum-write-" + name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Queues a frame; false (and the link closes) when the peer has fallen too far behind. */
    boolean send(byte[] frame) {
        if (closed) {
            return false;
        }
        if (!outgoing.offer(frame)) {
            LOG.warn("Quorum link {} dropped: the peer is not reading ({} frames queued)", name, outgoing.size());
            close();
            return false;
        }
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        outgoing.clear();
        outgoing.offer(CLOSE);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {}", name, e);
        }
        onClose.run();
    }

    private void readLoop() {
        // Buffered: a frame is a length and a body, and unbuffered each readInt would be four reads from the socket.
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES))) {
            while (!closed) {
                int len = in.readInt();
                if (len < 0 || len > MAX_FRAME) {
                    LOG.warn("Quorum link {}: frame length {} out of range; closing", name, len);
                    break;
                }
                byte[] frame = new byte[len];
                in.readFully(frame);
                onFrame.accept(frame);
            }
        } catch (IOException e) {
            LOG.debug("Quorum link {} read ended: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Quorum link {}: malformed frame ({}); closing", name, e.getMessage());
        }
        close();
    }

    private void writeLoop() {
        // Buffered, flushed when the queue runs dry: a burst of proposals or acks leaves in a few writes.
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES))) {
            while (!closed) {
                byte[] frame = outgoing.take();
                if (frame == CLOSE) {
                    break;
                }
                out.writeInt(frame.length);
                out.write(frame);
                if (outgoing.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.debug("Quorum link {} write ended: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
