package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetEphemeralsRequest;
import io.corral.protocol.proto.GetEphemeralsResponse;
import io.corral.protocol.proto.WatcherEvent;
import io.corral.server.session.SessionIds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineSessionTest extends PipelineHarness {

    @ParameterizedTest(name = "requested {0} ms -> {1} ms")
    @CsvSource({"1000, 6000", "6000, 6000", "10000, 10000", "60000, 60000", "10000000, 60000"})
    void connectNegotiatesTheTimeout(int requested, int negotiated) {
        Client c = connect(requested);
        assertEquals(negotiated, c.timeoutMs);
        assertEquals(negotiated, c.link.boundTimeoutMs());
    }

    @Test
    void aNewSessionIsLoggedThenAnswered() {
        long before = log.lastZxid();
        Client c = open();
        c.handshake(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false), false);
        FakeLink.Connected connected = c.link.nextConnected();
        ConnectResponse r = connected.response();
        assertEquals(37, connected.payloadLength(), "protocolVersion, timeOut, sessionId, passwd(4+16), readOnly");
        assertEquals(0, r.protocolVersion());
        assertEquals(10_000, r.timeOut());
        assertEquals(1, r.sessionId() >>> 56, "server id 1 in the top byte");
        assertArrayEquals(SessionIds.password(r.sessionId()), r.passwd());
        assertFalse(r.readOnly());
        assertEquals(r.sessionId(), c.link.boundSession());
        assertEquals(before + 1, log.lastZxid(), "createSession is a logged transaction");
        assertEquals(log.lastZxid(), pipeline.lastZxid());
        assertEquals(1, (int) onPipeline(() -> pipeline.sessions().size()));
    }

    @Test
    void sessionsGetDistinctIds() {
        Client a = connect();
        Client b = connect();
        assertNotEquals(a.sessionId, b.sessionId);
        assertEquals(2, (int) onPipeline(() -> pipeline.sessions().size()));
    }

    @Test
    void aClientWithoutTheReadOnlyFlagGetsNoReadOnlyByte() {
        Client c = open();
        c.handshake(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false), true);
        FakeLink.Connected connected = c.link.nextConnected();
        assertEquals(36, connected.payloadLength());
        assertEquals(10_000, connected.response().timeOut());
    }

    @Test
    void resumingWithThePasswordKeepsTheSessionAndDropsTheOldConnection() {
        Client first = connect(10_000);
        first.createOk("/eph", CreateFlags.EPHEMERAL);
        Client second = open();
        second.handshake(new ConnectRequest(0, pipeline.lastZxid(), 20_000, first.sessionId, first.password, false), false);
        ConnectResponse r = second.link.nextConnected().response();
        assertEquals(first.sessionId, r.sessionId());
        assertEquals(20_000, r.timeOut(), "the timeout is renegotiated");
        assertArrayEquals(first.password, r.passwd());
        first.link.awaitClosed();
        assertFalse(second.link.closed());
        // The session lives on: its ephemeral is still there and the new connection acts for it.
        FakeLink.Reply eph = second.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest("/"));
        assertEquals(List.of("/eph"), eph.decode(GetEphemeralsResponse::read).ephemerals());
    }

    @Test
    void aWrongPasswordOrUnknownSessionGetsTheInvalidSessionReplyThenClose() {
        Client owner = connect();
        byte[] wrong = owner.password.clone();
        wrong[0] ^= 1;
        for (ConnectRequest attempt : List.of(
                new ConnectRequest(0, 0, 10_000, owner.sessionId, wrong, false),
                new ConnectRequest(0, 0, 10_000, owner.sessionId + 1000, new byte[16], false))) {
            Client c = open();
            c.handshake(attempt, false);
            ConnectResponse r = c.link.nextConnected().response();
            assertEquals(0, r.timeOut());
            assertEquals(0, r.sessionId());
            assertArrayEquals(new byte[16], r.passwd());
            c.link.awaitClosed();
        }
        assertFalse(owner.link.closed(), "a failed takeover leaves the owner alone");
    }

    @Test
    void aClientAheadOfTheServerIsClosedWithoutAnswer() {
        Client c = open();
        c.handshake(new ConnectRequest(0, pipeline.lastZxid() + 100, 10_000, 0, new byte[16], false), false);
        c.link.awaitClosed();
        barrier();
        assertFalse(c.link.hasFrames());
    }

    @Test
    void pingRepliesWithTheLastZxid() {
        Client c = connect();
        c.createOk("/a", CreateFlags.PERSISTENT);
        FakeLink.Reply r = c.ping();
        assertEquals(Code.OK, r.err());
        assertEquals(pipeline.lastZxid(), r.zxid());
        assertEquals(0, r.body().length);
    }

    @Test
    void closeSessionRepliesClosesAndRemovesEphemerals() {
        Client a = connect();
        Client b = connect();
        a.createOk("/e", CreateFlags.EPHEMERAL);
        a.createOk("/p", CreateFlags.PERSISTENT);
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/nothing", false)).err());
        assertEquals(Code.OK, b.call(OpCode.EXISTS, new ExistsRequest("/e", true)).err());

        int xid = a.submit(OpCode.CLOSE_SESSION, null);
        FakeLink.Reply closed = a.link.replyTo(xid);
        assertEquals(Code.OK, closed.err());
        assertEquals(log.lastZxid(), closed.zxid(), "the reply carries the closeSession's own zxid");
        assertEquals(0, closed.body().length);
        a.link.awaitClosed();

        FakeLink.Reply event = b.link.nextReply();
        assertEquals(-1, event.xid());
        assertEquals(closed.zxid(), event.zxid());
        assertEquals(new WatcherEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, "/e"),
                event.decode(WatcherEvent::read));
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/e", false)).err());
        assertEquals(Code.OK, b.call(OpCode.EXISTS, new ExistsRequest("/p", false)).err());
        assertNull(onPipeline(() -> pipeline.sessions().get(a.sessionId)));

        // The session is gone for good.
        Client again = open();
        again.handshake(new ConnectRequest(0, 0, 10_000, a.sessionId, a.password, false), false);
        assertEquals(0, again.link.nextConnected().response().timeOut());
    }

    @Test
    void requestsOfAClosedConnectionAreDropped() {
        Client a = connect();
        a.submit(OpCode.CLOSE_SESSION, null);
        a.link.nextReply();
        a.link.awaitClosed();
        a.submit(OpCode.EXISTS, new ExistsRequest("/", false));
        barrier();
        assertFalse(a.link.hasFrames());
    }

    @Test
    void anUntouchedSessionExpiresOnTheTickAfterItsTimeout() {
        Client a = connect(6000);
        Client b = connect(60_000);
        a.createOk("/eph", CreateFlags.EPHEMERAL);
        assertEquals(Code.OK, b.call(OpCode.EXISTS, new ExistsRequest("/eph", true)).err());

        clock.advance(5000);
        pipeline.tick();
        // Prepared after the tick: it would fail with SESSIONEXPIRED had the tick expired the session.
        a.createOk("/still-alive", CreateFlags.PERSISTENT);
        assertFalse(a.link.closed());

        clock.advance(6000 + TICK_MS - 5000);
        pipeline.tick();
        a.link.awaitClosed();
        FakeLink.Reply event = b.link.nextReply();
        assertEquals(-1, event.xid());
        assertEquals(new WatcherEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, "/eph"),
                event.decode(WatcherEvent::read));
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/eph", false)).err());
        assertEquals(Code.OK, b.call(OpCode.EXISTS, new ExistsRequest("/still-alive", false)).err());
        assertFalse(a.link.hasFrames(), "an expired client is dropped without a word");
        assertNull(onPipeline(() -> pipeline.sessions().get(a.sessionId)));
        assertFalse(b.link.closed());
    }

    @Test
    void aTouchedSessionOutlivesItsFirstDeadline() {
        Client a = connect(6000);
        clock.advance(5000);
        pipeline.sessions().touch(a.sessionId, a.timeoutMs, clock.monotonicMs());
        clock.advance(5000);
        pipeline.tick();
        a.createOk("/alive", CreateFlags.PERSISTENT);
        assertFalse(a.link.closed());

        clock.advance(6000 + TICK_MS);
        pipeline.tick();
        a.link.awaitClosed();
    }

    @Test
    void anExpiredSessionCannotBeResumed() {
        Client a = connect(6000);
        clock.advance(6000 + TICK_MS);
        pipeline.tick();
        a.link.awaitClosed();
        Client again = open();
        again.handshake(new ConnectRequest(0, 0, 6000, a.sessionId, a.password, false), false);
        ConnectResponse r = again.link.nextConnected().response();
        assertEquals(0, r.timeOut());
        again.link.awaitClosed();
    }

    @Test
    void aDisconnectedSessionStillExpires() {
        Client a = connect(6000);
        a.createOk("/eph", CreateFlags.EPHEMERAL);
        pipeline.disconnected(a.conn);
        barrier();
        assertEquals(1, (int) onPipeline(() -> pipeline.tree().ephemeralCount()),
                "a disconnect alone does not end the session");
        clock.advance(6000 + TICK_MS);
        pipeline.tick();
        org.awaitility.Awaitility.await().atMost(FakeLink.WAIT).pollInterval(java.time.Duration.ofMillis(2))
                .until(() -> onPipeline(() -> pipeline.tree().get("/eph") == null));
        assertNull(onPipeline(() -> pipeline.sessions().get(a.sessionId)));
    }

    @Test
    void everyAnsweredRequestIsReportedCompleted() {
        Client a = connect();
        a.createOk("/a", CreateFlags.PERSISTENT);
        a.call(OpCode.EXISTS, new ExistsRequest("/a", false));
        a.ping();
        assertEquals(3, a.link.completed());
    }

    @Test
    void requestsPipelinedBehindTheConnectRequestWaitForTheSession() {
        Client c = open();
        log.hold();
        c.handshake(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false), false);
        c.submit(-4, OpCode.AUTH, new io.corral.protocol.proto.AuthPacket(0, "digest",
                "dan:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int create = c.submit(OpCode.CREATE, new io.corral.protocol.proto.CreateRequest("/early", null, OPEN,
                CreateFlags.EPHEMERAL));
        int exists = c.submit(OpCode.EXISTS, new ExistsRequest("/early", false));
        barrier();
        assertFalse(c.link.hasFrames(), "nothing before the session is durable");
        log.release();
        ConnectResponse r = c.link.nextConnected().response();
        assertEquals(Code.OK, c.link.replyTo(-4).err());
        assertEquals(Code.OK, c.link.replyTo(create).err());
        assertEquals(Code.OK, c.link.replyTo(exists).err());
        FakeLink.Reply eph = c.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest("/"));
        assertEquals(List.of("/early"), eph.decode(GetEphemeralsResponse::read).ephemerals());
        assertEquals(r.sessionId(), c.link.boundSession());
    }

    @Test
    void closeSessionAlsoRemovesAnEphemeralStillBeingCreated() {
        Client a = connect();
        Client b = connect();
        log.hold();
        int create = a.submit(OpCode.CREATE, new io.corral.protocol.proto.CreateRequest("/pending", null, OPEN,
                CreateFlags.EPHEMERAL));
        int close = a.submit(OpCode.CLOSE_SESSION, null);
        barrier();
        log.release();
        assertEquals(Code.OK, a.link.replyTo(create).err());
        assertEquals(Code.OK, a.link.replyTo(close).err());
        a.link.awaitClosed();
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/pending", false)).err());
        assertEquals(0, (int) onPipeline(() -> pipeline.tree().ephemeralCount()));
    }

    @Test
    void expiryAlsoRemovesAnEphemeralStillBeingCreated() {
        Client a = connect(6000);
        Client b = connect(60_000);
        log.hold();
        int create = a.submit(OpCode.CREATE, new io.corral.protocol.proto.CreateRequest("/pending", null, OPEN,
                CreateFlags.EPHEMERAL));
        barrier();
        clock.advance(6000 + TICK_MS);
        pipeline.tick();
        barrier();
        log.release();
        assertEquals(Code.OK, a.link.replyTo(create).err());
        a.link.awaitClosed();
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/pending", false)).err());
        assertEquals(0, (int) onPipeline(() -> pipeline.tree().ephemeralCount()));
    }

    @Test
    void anEphemeralCreatedAfterTheCloseWasPreparedIsRefused() {
        Client a = connect(6000);
        log.hold();
        clock.advance(6000 + TICK_MS);
        pipeline.tick();
        barrier();
        // The session is closing: the next write is refused (and its answer dropped with the connection).
        a.submit(OpCode.CREATE, new io.corral.protocol.proto.CreateRequest("/late", null, OPEN,
                CreateFlags.EPHEMERAL));
        barrier();
        log.release();
        a.link.awaitClosed();
        Client b = connect();
        assertEquals(Code.NONODE, b.call(OpCode.EXISTS, new ExistsRequest("/late", false)).err());
        assertFalse(a.link.hasFrames());
    }
}
