package io.corral.server.net;

import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.RequestHeader;
import io.corral.server.pipeline.ClientLink;
import io.corral.server.pipeline.ConnectionState;
import io.corral.server.pipeline.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection: framing, the handshake, four-letter words, flow control and the write queue; on the
 * secure port, TLS under all of it ({@link TlsLayer}: the framing below sees plaintext either way).
 *
 * <p>Threads: reading, parsing and socket writes happen on the owning selector thread; {@link #send},
 * {@link #requestCompleted} and {@link #close} may be called from the pipeline thread and only hand work over.
 *
 * <p>Memory bound: the read buffer grows only as bytes actually arrive (never to a size a length prefix merely
 * claims), reading stops while {@code maxOutstanding} requests are unanswered or more than
 * {@link #HIGH_WATER_BYTES} of replies wait for a client that does not read.
 */
final class ClientConnection implements ClientLink {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final int INITIAL_BUFFER = 4096;
    private static final int SHRINK_ABOVE = 64 * 1024;
    static final long HIGH_WATER_BYTES = 4L * 1024 * 1024;
    private static final long LOW_WATER_BYTES = 1024 * 1024;

    private enum Phase { FRESH, HANDSHAKE, SESSION, CLOSED }

    private final long id;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final SelectorLoop loop;
    private final NioServer server;
    private final ConnectionState state;
    private final int maxFrame;
    private final int maxOutstanding;
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);
    private Phase phase = Phase.FRESH;
    private boolean readPaused;
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Object writeLock = new Object();
    private final ReplyQueue replies = new ReplyQueue();
    private boolean flushScheduled;
    private boolean closeWhenDrained;
    /** Set when the backlog passed the high water mark, so that falling below the low one tells the pipeline. */
    private volatile boolean congested;

    private volatile long sessionId;
    private volatile int sessionTimeoutMs;

    /** Null on the plain port. */
    private final TlsLayer tls;
    /** The client ended its side of the stream; close once what it sent before is handled. */
    private boolean endOfStream;
    private boolean pumping;

    ClientConnection(long id, SocketChannel channel, InetSocketAddress remote, SelectorLoop loop, NioServer server) {
        this(id, channel, remote, loop, server, null);
    }

    /** @param engine a server-mode engine for a connection on the secure port, or null on the plain port */
    ClientConnection(long id, SocketChannel channel, InetSocketAddress remote, SelectorLoop loop, NioServer server,
                     SSLEngine engine) {
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.loop = loop;
        this.server = server;
        this.maxFrame = server.config().juteMaxBuffer();
        this.maxOutstanding = server.config().maxOutstandingPerConnection();
        this.state = server.pipeline().newConnection(this);
        TlsLayer layer = null;
        if (engine != null) {
            try {
                layer = new TlsLayer(engine, server.tlsTasks(), () -> loop.execute(this::afterTlsTask),
                        this::handshakeDone);
            } catch (SSLException e) {
                throw new IllegalStateException("TLS engine refused to start a handshake: " + e.getMessage(), e);
            }
        }
        this.tls = layer;
    }

    void attach(SelectionKey key) {
        this.key = key;
    }

    // ---- reading (selector thread) ----

    void onReadable() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (tls != null) {
            readTls();
            return;
        }
        try {
            if (!in.hasRemaining()) {
                grow();
            }
            int n = channel.read(in);
            if (n < 0) {
                closeNow("client closed the connection");
                return;
            }
            server.stats().bytesReceived(n);
        } catch (IOException e) {
            closeNow("read failed: " + e.getMessage());
            return;
        }
        parseFrames();
    }

    // ---- TLS (selector thread) ----

    private void readTls() {
        try {
            int n = tls.fill(channel);
            if (n < 0) {
                endOfStream = true;
            } else {
                server.stats().bytesReceived(n);
            }
        } catch (IOException e) {
            closeNow("read failed: " + e.getMessage());
            return;
        }
        pumpTls();
    }

    /**
     * Moves what TLS has decrypted into the read buffer and parses it, and lets the engine send what it must
     * (handshake flights, session tickets), until neither makes progress. Bytes the socket already delivered stay
     * in the TLS buffers while reading is paused; {@link #maybeResume} pumps them when it resumes.
     */
    private void pumpTls() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            for (int round = 0; round < 1024 && phase != Phase.CLOSED; round++) {
                int moved = 0;
                if (!readPaused) {
                    if (!in.hasRemaining()) {
                        grow();
                    }
                    moved = tls.unwrapInto(in);
                }
                long wrappedBefore = tls.wrapped();
                if (tls.wantsWrap()) {
                    flush();
                }
                if (moved > 0) {
                    parseFrames();
                }
                if (moved == 0 && tls.wrapped() == wrappedBefore) {
                    break;
                }
            }
        } catch (SSLException e) {
            LOG.warn("Closing TLS connection from {}: {}", remote, e.getMessage());
            if (!tls.handshakeDone()) {
                server.stats().authFailed(); // as ZooKeeper counts an unsuccessful handshake
            }
            closeNow("TLS failure: " + e.getMessage());
            return;
        } finally {
            pumping = false;
        }
        if (phase == Phase.CLOSED) {
            return;
        }
        if (tls.inboundClosed() || endOfStream) {
            closeNow("client closed the connection");
            return;
        }
        updateReadInterest();
    }

    /** Reading stays off while backpressure says so or while a delegated TLS task runs (nothing could be done). */
    private void updateReadInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        boolean wanted = !readPaused && (tls == null || !tls.taskRunning()) && !endOfStream;
        int ops = key.interestOps();
        key.interestOps(wanted ? ops | SelectionKey.OP_READ : ops & ~SelectionKey.OP_READ);
    }

    /** A delegated TLS task finished (now on the selector thread): carry on with the handshake. */
    private void afterTlsTask() {
        if (phase == Phase.CLOSED) {
            return;
        }
        flush();
        pumpTls();
    }

    /** Selector thread, inside an unwrap or wrap, before any plaintext of the client is parsed. */
    private void handshakeDone() {
        LOG.debug("TLS handshake with {} done: {}, {} client certificate(s)", remote, tls.protocol(),
                tls.peerCertificates().size());
        if (!tls.peerCertificates().isEmpty()) {
            server.pipeline().handshakeCompleted(state);
        }
        // Anything queued while the engine could not take it goes out now.
        loop.execute(this::flush);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return tls == null ? List.of() : tls.peerCertificates();
    }

    private void parseFrames() {
        in.flip();
        try {
            while (!readPaused && phase != Phase.CLOSED && in.remaining() >= 4) {
                int len = in.getInt(in.position());
                if (phase == Phase.FRESH) {
                    String command = FourLetterWords.commandOf(len);
                    if (command != null) {
                        in.position(in.position() + 4);
                        answerFourLetterWord(command);
                        return;
                    }
                    phase = Phase.HANDSHAKE;
                }
                if (len < 0 || len > maxFrame) {
                    LOG.warn("Closing connection from {}: frame length {} outside [0, {}] (jute.maxbuffer)",
                            remote, len, maxFrame);
                    closeNow("bad frame length");
                    return;
                }
                if (in.remaining() < 4 + len) {
                    break;
                }
                ByteBuffer frame = in.slice(in.position() + 4, len);
                in.position(in.position() + 4 + len);
                handleFrame(frame);
            }
        } catch (JuteException e) {
            LOG.warn("Closing connection from {}: malformed {}: {}", remote,
                    phase == Phase.HANDSHAKE ? "connect request" : "request", e.getMessage());
            closeNow("malformed frame");
            return;
        } finally {
            if (phase != Phase.CLOSED) {
                in.compact();
                shrinkIfIdle();
            }
        }
    }

    private void handleFrame(ByteBuffer frame) {
        JuteInput jin = new JuteInput(frame, maxFrame);
        if (phase == Phase.HANDSHAKE) {
            boolean legacy = frame.remaining() < 45;
            ConnectRequest req = ConnectRequest.read(jin);
            phase = Phase.SESSION;
            server.pipeline().connect(state, req, legacy);
            return;
        }
        RequestHeader header = RequestHeader.read(jin);
        int type = header.type();
        Record body = null;
        if (RequestDecoder.isKnown(type)) {
            body = RequestDecoder.decode(type, jin);
        } else {
            LOG.warn("Unknown opcode {} from {}; answering UNIMPLEMENTED and closing", type, remote);
            type = RequestDecoder.UNKNOWN;
        }
        long session = sessionId;
        if (session != 0) {
            server.touch(session, sessionTimeoutMs);
        }
        server.stats().received();
        if (inFlight.incrementAndGet() >= maxOutstanding) {
            pauseReading();
        }
        server.pipeline().submit(new Request(state, header.xid(), type, body, System.nanoTime()));
    }

    /** Doubles the buffer as data arrives, up to one whole frame: a claimed length alone allocates nothing. */
    private void grow() {
        int limit = maxFrame + 4;
        if (in.capacity() >= limit) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(limit, in.capacity() * 2));
        in.flip();
        bigger.put(in);
        in = bigger;
    }

    private void shrinkIfIdle() {
        if (in.position() == 0 && in.capacity() > SHRINK_ABOVE) {
            in = ByteBuffer.allocate(INITIAL_BUFFER);
        }
    }

    private void pauseReading() {
        if (!readPaused && key != null && key.isValid()) {
            readPaused = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    private void maybeResume() {
        if (!readPaused || phase == Phase.CLOSED || inFlight.get() >= maxOutstanding) {
            return;
        }
        synchronized (writeLock) {
            if (replies.bytes() > LOW_WATER_BYTES) {
                return;
            }
        }
        readPaused = false;
        if (tls != null) {
            // Frames that arrived before the pause are in the buffer, and more may wait decrypted or not in TLS.
            parseFrames();
            pumpTls();
            return;
        }
        if (key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
        // Frames that arrived before the pause are still in the buffer.
        parseFrames();
    }

    private void answerFourLetterWord(String command) {
        LOG.debug("Four-letter word {} from {}", command, remote);
        // Whatever else the client sends (stmk's mask, a newline) is not a frame: read no more.
        pauseReading();
        // The word runs on the monitor thread (it may wait for the pipeline); its text comes back to this loop.
        server.fourLetterWords().answer(command, text -> loop.execute(() -> writeFourLetterAnswer(text)));
    }

    private void writeFourLetterAnswer(String text) {
        synchronized (writeLock) {
            replies.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            closeWhenDrained = true;
        }
        flush();
    }

    // ---- ClientLink (any thread) ----

    @Override
    public long connectionId() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void send(byte[] frame) {
        server.stats().frameSent(frame.length);
        boolean schedule;
        synchronized (writeLock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (replies.add(ByteBuffer.wrap(frame)) > HIGH_WATER_BYTES) {
                congested = true;
            }
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            loop.execute(this::flush);
        }
    }

    @Override
    public void requestCompleted() {
        int now = inFlight.decrementAndGet();
        if (now == maxOutstanding / 2) {
            loop.execute(this::maybeResume);
        }
    }

    @Override
    public void close(String reason) {
        loop.execute(() -> {
            LOG.debug("Closing connection from {}: {}", remote, reason);
            synchronized (writeLock) {
                closeWhenDrained = true;
            }
            flush();
            // A client that does not read its last reply is not waited for.
            closeNow(reason);
        });
    }

    @Override
    public boolean congested() {
        return congested;
    }

    @Override
    public void bindSession(long sessionId, int timeoutMs) {
        this.sessionTimeoutMs = timeoutMs;
        this.sessionId = sessionId;
    }

    long sessionId() {
        return sessionId;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** The selector interest set, as cons and stat print it (0 once the key is gone); any thread. */
    int interestOps() {
        SelectionKey k = key;
        try {
            return k != null && k.isValid() ? k.interestOps() : 0;
        } catch (java.nio.channels.CancelledKeyException e) {
            return 0;
        }
    }

    ConnectionState state() {
        return state;
    }

    // ---- writing (selector thread) ----

    void onWritable() {
        flush();
    }

    private void flush() {
        boolean close = false;
        boolean drained;
        synchronized (writeLock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            boolean socketFull;
            try {
                if (tls == null) {
                    replies.writeTo(channel);
                } else {
                    replies.writeTo(tls, channel);
                }
            } catch (IOException e) {
                replies.clear();
                close = true;
            }
            if (tls == null) {
                drained = replies.isEmpty();
                socketFull = !drained;
            } else {
                // Frames the engine cannot take yet (mid-handshake, a task running) wait for the pump, not for OP_WRITE.
                socketFull = tls.hasNetOut();
                drained = replies.isEmpty() && !socketFull;
            }
            flushScheduled = socketFull;
            if (key != null && key.isValid()) {
                int ops = key.interestOps();
                key.interestOps(socketFull ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
            }
            if (drained && closeWhenDrained) {
                close = true;
            }
        }
        if (close) {
            closeNow("done");
            return;
        }
        long backlog;
        synchronized (writeLock) {
            backlog = replies.bytes();
        }
        if (backlog > HIGH_WATER_BYTES) {
            pauseReading();
        } else {
            if (congested && backlog <= LOW_WATER_BYTES) {
                congested = false;
                server.pipeline().drained(state);
            }
            if (readPaused) {
                maybeResume();
            }
        }
    }

    /** Closes at once, on the selector thread; the pipeline is told so it can forget the connection. */
    void closeNow(String reason) {
        synchronized (writeLock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            phase = Phase.CLOSED;
            replies.clear();
            if (tls != null && channel.isOpen()) {
                // close_notify, best effort: a client that reads gets a clean end instead of a truncation.
                tls.closeOutbound();
                try {
                    tls.writeNet(channel);
                } catch (IOException e) {
                    LOG.debug("close_notify to {} not sent: {}", remote, e.getMessage());
                }
            }
        }
        LOG.debug("Connection from {} closed: {}", remote, reason);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing channel", e);
        }
        server.connectionClosed(this);
        server.pipeline().disconnected(state);
    }
}
