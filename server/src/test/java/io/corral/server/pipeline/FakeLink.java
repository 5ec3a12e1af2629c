package io.corral.server.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.ReplyHeader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A client connection without a socket: decodes every frame the pipeline sends (length prefix, then a
 * ConnectResponse for the first frame, ReplyHeader + body after that) into a queue the test reads.
 */
final class FakeLink implements ClientLink {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicLong IDS = new AtomicLong();

    /** The first frame of a connection. {@code payloadLength} is the frame length without its prefix. */
    record Connected(ConnectResponse response, int payloadLength) {
    }

    /** Every later frame: the header, and the body bytes left to decode with the record the test expects. */
    record Reply(ReplyHeader header, byte[] body) {
        int xid() {
            return header.xid();
        }

        long zxid() {
            return header.zxid();
        }

        int err() {
            return header.err();
        }

        <T> T decode(Function<JuteInput, T> reader) {
            JuteInput in = new JuteInput(body);
            T value = reader.apply(in);
            in.expectEnd("reply body");
            return value;
        }
    }

    private final long id = IDS.incrementAndGet();
    private final InetSocketAddress remote;
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger completed = new AtomicInteger();
    private volatile boolean handshakeDone;
    private volatile String closedReason;
    private volatile long boundSession;
    private volatile int boundTimeoutMs;

    FakeLink() {
        this.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000 + (int) (id % 20000));
    }

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
        ByteBuffer b = ByteBuffer.wrap(frame);
        int length = b.getInt();
        if (length != frame.length - 4) {
            throw new AssertionError("length prefix " + length + " but the frame carries " + (frame.length - 4));
        }
        JuteInput in = new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
        if (!handshakeDone) {
            handshakeDone = true;
            ConnectResponse r = ConnectResponse.read(in);
            in.expectEnd("connect response");
            frames.add(new Connected(r, length));
        } else {
            ReplyHeader h = ReplyHeader.read(in);
            frames.add(new Reply(h, Arrays.copyOfRange(frame, 4 + 16, frame.length)));
        }
    }

    @Override
    public void requestCompleted() {
        completed.incrementAndGet();
    }

    @Override
    public void close(String reason) {
        closedReason = Objects.requireNonNull(reason);
    }

    /** Tests set this to act as a client that stopped reading. */
    volatile boolean congested;

    /** Tests set this to act as a TLS connection whose client presented these certificates. */
    volatile java.util.List<java.security.cert.X509Certificate> certificates = java.util.List.of();

    @Override
    public java.util.List<java.security.cert.X509Certificate> peerCertificates() {
        return certificates;
    }

    @Override
    public boolean congested() {
        return congested;
    }

    @Override
    public void bindSession(long sessionId, int timeoutMs) {
        boundSession = sessionId;
        boundTimeoutMs = timeoutMs;
    }

    Object next() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).pollInSameThread()
                .until(frames::poll, Objects::nonNull);
    }

    Connected nextConnected() {
        return assertInstanceOf(Connected.class, next());
    }

    Reply nextReply() {
        return assertInstanceOf(Reply.class, next());
    }

    /** The next frame, which must answer {@code xid}. */
    Reply replyTo(int xid) {
        Reply r = nextReply();
        assertEquals(xid, r.xid(), "replies must come in request order");
        return r;
    }

    boolean hasFrames() {
        return !frames.isEmpty();
    }

    int frameCount() {
        return frames.size();
    }

    void awaitClosed() {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).pollInSameThread()
                .until(() -> closedReason != null);
    }

    boolean closed() {
        return closedReason != null;
    }

    String closedReason() {
        return closedReason;
    }

    long boundSession() {
        return boundSession;
    }

    int boundTimeoutMs() {
        return boundTimeoutMs;
    }

    int completed() {
        return completed.get();
    }
}
