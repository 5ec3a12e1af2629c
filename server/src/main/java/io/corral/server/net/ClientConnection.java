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
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection: framing, the handshake, four-letter words, flow control and the write queue.
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
    private static final int MAX_GATHER = 64;

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
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private long queuedBytes;
    private boolean flushScheduled;
    private boolean closeWhenDrained;
    /** Set when the backlog passed the high water mark, so that falling below the low one tells the pipeline. */
    private volatile boolean congested;
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];

    private volatile long sessionId;
    private volatile int sessionTimeoutMs;

    ClientConnection(long id, SocketChannel channel, InetSocketAddress remote, SelectorLoop loop, NioServer server) {
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.loop = loop;
        this.server = server;
        this.maxFrame = server.config().juteMaxBuffer();
        this.maxOutstanding = server.config().maxOutstandingPerConnection();
        this.state = server.pipeline().newConnection(this);
    }

    void attach(SelectionKey key) {
        this.key = key;
    }

    // ---- reading (selector thread) ----

    void onReadable() {
        if (phase == Phase.CLOSED) {
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
        } catch (IOException e) {
            closeNow("read failed: " + e.getMessage());
            return;
        }
        parseFrames();
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
            if (queuedBytes > LOW_WATER_BYTES) {
                return;
            }
        }
        readPaused = false;
        if (key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
        // Frames that arrived before the pause are still in the buffer.
        parseFrames();
    }

    private void answerFourLetterWord(String command) {
        String text = server.fourLetterWords().run(command);
        LOG.debug("Four-letter word {} from {}", command, remote);
        synchronized (writeLock) {
            out.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            closeWhenDrained = true;
        }
        // Whatever else the client sends (stmk's mask, a newline) is not a frame: read no more.
        pauseReading();
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
        boolean schedule;
        synchronized (writeLock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            out.add(ByteBuffer.wrap(frame));
            queuedBytes += frame.length;
            if (queuedBytes > HIGH_WATER_BYTES) {
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
            try {
                writeQueued();
            } catch (IOException e) {
                out.clear();
                queuedBytes = 0;
                close = true;
            }
            drained = out.isEmpty();
            flushScheduled = !drained;
            if (key != null && key.isValid()) {
                int ops = key.interestOps();
                key.interestOps(drained ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE);
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
            backlog = queuedBytes;
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

    private void writeQueued() throws IOException {
        while (!out.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : out) {
                gather[n++] = b;
                if (n == MAX_GATHER) {
                    break;
                }
            }
            queuedBytes -= channel.write(gather, 0, n);
            boolean socketFull = gather[n - 1].hasRemaining();
            java.util.Arrays.fill(gather, 0, n, null);
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
            }
            if (socketFull) {
                return;
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
            out.clear();
            queuedBytes = 0;
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
