package io.corral.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS under a connection's framing: an SSLEngine between the socket and the plaintext the connection parses and
 * queues.
 *
 * <pre>
 *   socket ──{@link #fill}──▶ netIn ──unwrap──▶ appIn ──{@link #unwrapInto}──▶ the connection's read buffer (frames)
 *   socket ◀─{@link #writeNet}── netOut ◀──{@link #wrap}── the connection's queued reply frames
 * </pre>
 *
 * <p>Threads: every method runs on the connection's selector thread, except the engine's delegated tasks
 * (certificate checks, key exchange, signatures: about a millisecond of CPU per handshake, more with a long
 * chain or a large trust store). Those run on {@code taskRunner}, so that a burst of handshakes cannot stall the
 * other connections of the selector; while one runs, {@link #taskRunning()} is true, the engine is left alone
 * and the connection stops reading, and {@code onTaskDone} (which hands back to the selector thread) resumes it.
 *
 * <p>Memory: netIn holds at most two TLS records, appIn one record's plaintext, netOut four records; nothing
 * grows with what a client sends or fails to read, so the connection's own bounds keep holding.
 */
final class TlsLayer {
    private static final ByteBuffer[] NO_DATA = {ByteBuffer.allocate(0)};

    private final SSLEngine engine;
    private final Executor taskRunner;
    private final Runnable onTaskDone;
    private final Runnable onHandshakeDone;
    /** Ciphertext from the socket not yet unwrapped; kept in write mode (data in [0, position)). */
    private ByteBuffer netIn;
    /** Plaintext unwrapped but not yet taken by the connection; kept in read mode (data in [position, limit)). */
    private ByteBuffer appIn;
    /** Ciphertext wrapped but not yet written; kept in read mode. */
    private ByteBuffer netOut;
    private volatile boolean taskRunning;
    private boolean handshakeDone;
    private boolean inboundClosed;
    private long wrapped;
    private volatile List<X509Certificate> peerCertificates = List.of();

    /**
     * @param onTaskDone      called on the task thread when a delegated task finished; must hand over to the
     *                        selector thread, which then calls {@link #unwrapInto} and {@link #wrap} again
     * @param onHandshakeDone called on the selector thread once, when the handshake completes, before any
     *                        plaintext of the client is handed out
     */
    TlsLayer(SSLEngine engine, Executor taskRunner, Runnable onTaskDone, Runnable onHandshakeDone) throws SSLException {
        this.engine = engine;
        this.taskRunner = taskRunner;
        this.onTaskDone = onTaskDone;
        this.onHandshakeDone = onHandshakeDone;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(2 * packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.appIn.limit(0);
        this.netOut = ByteBuffer.allocate(4 * packet);
        this.netOut.limit(0);
        engine.beginHandshake();
    }

    /**
     * Reads what the socket has into netIn.
     *
     * @return bytes read, 0 when nothing was there or netIn is full, -1 at end of stream
     */
    int fill(SocketChannel channel) throws IOException {
        if (!netIn.hasRemaining()) {
            return 0;
        }
        return channel.read(netIn);
    }

    /**
     * Unwraps what netIn holds and moves the plaintext into {@code dst}, as much as it has room for.
     *
     * @return plaintext bytes put into {@code dst}
     * @throws SSLException when the client's data is not valid TLS or the handshake fails (bad certificate,
     *         no common protocol or cipher): the connection must close
     */
    int unwrapInto(ByteBuffer dst) throws SSLException {
        int moved = drainAppIn(dst);
        while (!taskRunning && !inboundClosed && dst.hasRemaining()) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
                netIn.compact();
            }
            boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    // A partial record: wait for more bytes, with room for the largest record the session allows.
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packet) {
                        netIn = enlargeWriteMode(netIn, packet);
                    }
                    progress = false;
                }
                case BUFFER_OVERFLOW -> {
                    int needed = engine.getSession().getApplicationBufferSize();
                    if (appIn.remaining() == 0 && appIn.capacity() < needed) {
                        ByteBuffer bigger = ByteBuffer.allocate(needed);
                        bigger.limit(0);
                        appIn = bigger;
                        progress = true;
                    }
                }
                case CLOSED -> inboundClosed = true;
                case OK -> {
                    // handled below
                }
            }
            // TLS 1.3: the client's Finished may leave the engine wanting to wrap a session ticket, and only that
            // wrap says FINISHED; application data in the meantime proves the handshake done all the same.
            afterOperation(r.getHandshakeStatus(), r.bytesProduced() > 0);
            moved += drainAppIn(dst);
            if (!progress) {
                break;
            }
        }
        return moved;
    }

    /**
     * Wraps plaintext from {@code srcs} (or, while handshaking, the engine's own messages) into netOut, for as long
     * as netOut has room for a whole record and the engine makes progress.
     *
     * @return plaintext bytes taken from {@code srcs}
     */
    long wrap(ByteBuffer[] srcs, int offset, int length) throws SSLException {
        long consumed = 0;
        int packet = engine.getSession().getPacketBufferSize();
        while (!taskRunning) {
            netOut.compact();
            if (netOut.remaining() < packet) {
                netOut.flip();
                break;
            }
            SSLEngineResult r;
            try {
                r = length == 0 ? engine.wrap(NO_DATA, netOut) : engine.wrap(srcs, offset, length, netOut);
            } finally {
                netOut.flip();
            }
            consumed += r.bytesConsumed();
            wrapped += r.bytesProduced();
            afterOperation(r.getHandshakeStatus(), false);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                break;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = enlargeReadMode(netOut, netOut.capacity() + packet);
            }
        }
        return consumed;
    }

    /**
     * Writes netOut to the socket.
     *
     * @return true when all of it went out; false when the socket is full
     */
    boolean writeNet(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    boolean hasNetOut() {
        return netOut.hasRemaining();
    }

    /** True while the engine has messages of its own to send (handshake flights, session tickets, close_notify). */
    boolean wantsWrap() {
        return !taskRunning && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    /** Ciphertext bytes produced so far, for callers that need to know whether a wrap made progress. */
    long wrapped() {
        return wrapped;
    }

    boolean taskRunning() {
        return taskRunning;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** True when bytes the socket delivered wait here, undecrypted or unread. */
    boolean hasBufferedInput() {
        return appIn.hasRemaining() || netIn.position() > 0;
    }

    boolean inboundClosed() {
        return inboundClosed;
    }

    /** The client's verified certificate chain, once the handshake is done; empty if it presented none. */
    List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    String protocol() {
        return engine.getSession().getProtocol();
    }

    /** Queues close_notify; what {@link #writeNet} can send of it goes out, the rest is dropped with the socket. */
    void closeOutbound() {
        engine.closeOutbound();
        try {
            wrap(NO_DATA, 0, 0);
        } catch (SSLException e) {
            // closing anyway
        }
    }

    private void afterOperation(HandshakeStatus status, boolean gotApplicationData) {
        if (!handshakeDone && (gotApplicationData || status == HandshakeStatus.FINISHED
                || status == HandshakeStatus.NOT_HANDSHAKING)) {
            handshakeDone = true;
            peerCertificates = readPeerCertificates();
            onHandshakeDone.run();
        }
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
    }

    private List<X509Certificate> readPeerCertificates() {
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            List<X509Certificate> out = new ArrayList<>(chain.length);
            for (Certificate c : chain) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return List.copyOf(out);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private void runTasks() {
        taskRunning = true;
        try {
            taskRunner.execute(() -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                taskRunning = false;
                onTaskDone.run();
            });
        } catch (RejectedExecutionException e) {
            // The server is stopping: finish here rather than leave the connection hanging.
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            taskRunning = false;
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        if (n == 0) {
            return 0;
        }
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** netIn, bigger: write mode, the data in [0, position). */
    private static ByteBuffer enlargeWriteMode(ByteBuffer b, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, b.capacity()));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /** netOut, bigger: read mode, the data in [position, limit). */
    private static ByteBuffer enlargeReadMode(ByteBuffer b, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, b.capacity()));
        bigger.put(b);
        bigger.flip();
        return bigger;
    }
}
