package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.Xid;
import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.ExistsResponse;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.WatcherEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyHandlerTest {
    private static final Stat STAT = new Stat(5, 6, 1, 2, 3, 4, 0, 0, 3, 0, 5);

    private final PendingQueue pending = new PendingQueue();
    private final AuthTracker auth = new AuthTracker();
    private final WatchRegistry watches = new WatchRegistry();
    private final EventDispatcher events = new EventDispatcher("test-events");
    private final Session session = new Session(0, null);
    private final AtomicBoolean authFailed = new AtomicBoolean();
    private final ReplyHandler handler = new ReplyHandler(pending, auth, watches, events, Chroot.of("/app"), session,
            1 << 20, () -> authFailed.set(true));
    private final LinkedBlockingQueue<WatchedEvent> seen = new LinkedBlockingQueue<>();
    private final Watcher recorder = seen::add;

    @AfterEach
    void stopEvents() {
        events.shutdown();
    }

    @Test
    void replyAnswersTheOldestRequestAndAdvancesTheZxid() throws Exception {
        Packet first = sent(OpCode.GET_DATA, 1, new GetDataRequest("/app/a", false), GetDataResponse::read);
        Packet second = sent(OpCode.GET_DATA, 2, new GetDataRequest("/app/b", false), GetDataResponse::read);
        handler.handle(frame(new ReplyHeader(1, 17, Code.OK), new GetDataResponse("x".getBytes(), STAT)));
        Reply reply = first.result.getNow(null);
        assertArrayEquals("x".getBytes(), ((GetDataResponse) reply.body()).data());
        assertEquals(17, session.lastZxid());
        assertEquals(false, second.result.isDone());
        assertEquals(1, pending.size());
    }

    @Test
    void errorReplyHasNoBody() throws Exception {
        Packet packet = sent(OpCode.GET_DATA, 1, new GetDataRequest("/app/a", false), GetDataResponse::read);
        handler.handle(frame(new ReplyHeader(1, 3, Code.NONODE), null));
        assertEquals(Code.NONODE, packet.result.getNow(null).err());
        assertNull(packet.result.getNow(null).body());
    }

    @Test
    void replyForAnotherXidDropsTheConnection() {
        Packet packet = sent(OpCode.GET_DATA, 4, new GetDataRequest("/app/a", false), GetDataResponse::read);
        IOException e = assertThrows(IOException.class,
                () -> handler.handle(frame(new ReplyHeader(5, 3, Code.OK), null)));
        assertTrue(e.getMessage().contains("xid out of order"), e.getMessage());
        assertEquals(Code.CONNECTIONLOSS, packet.result.getNow(null).err());
    }

    @Test
    void replyWithNothingPendingDropsTheConnection() {
        assertThrows(IOException.class, () -> handler.handle(frame(new ReplyHeader(9, 3, Code.OK), null)));
    }

    @Test
    void pingRepliesAreNotMatched() throws Exception {
        sent(OpCode.GET_DATA, 1, new GetDataRequest("/app/a", false), GetDataResponse::read);
        handler.handle(frame(new ReplyHeader(Xid.PING, 99, Code.OK), null));
        assertEquals(1, pending.size());
        assertEquals(0, session.lastZxid(), "a ping's zxid does not count as seen");
    }

    @Test
    void existsOnMissingNodeRegistersAnExistWatchThatFiresOnCreate() throws Exception {
        Packet packet = new Packet(OpCode.EXISTS, new ExistsRequest("/app/n", true), ExistsResponse::read,
                WatchRegistration.exists(recorder, "/n"));
        packet.assignXid(1);
        pending.add(packet);
        handler.handle(frame(new ReplyHeader(1, 3, Code.NONODE), null));
        assertTrue(watches.paths(WatchKind.EXIST).contains("/n"));

        handler.handle(frame(new ReplyHeader(Xid.NOTIFICATION, 8, Code.OK),
                new WatcherEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, "/app/n")));
        WatchedEvent event = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(new WatchedEvent(EventType.NODE_CREATED, KeeperState.SYNC_CONNECTED, "/n", 8), event);
        assertTrue(watches.isEmpty());
    }

    @Test
    void failedGetDataRegistersNothing() throws Exception {
        Packet packet = new Packet(OpCode.GET_DATA, new GetDataRequest("/app/n", true), GetDataResponse::read,
                WatchRegistration.data(recorder, "/n"));
        packet.assignXid(1);
        pending.add(packet);
        handler.handle(frame(new ReplyHeader(1, 3, Code.NONODE), null));
        assertTrue(watches.isEmpty());
    }

    @Test
    void eventWithoutWatcherIsDropped() throws Exception {
        handler.handle(frame(new ReplyHeader(Xid.NOTIFICATION, 8, Code.OK),
                new WatcherEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, "/app/x")));
        assertNull(seen.poll(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void authRepliesAnswerAuthPacketsInOrder() throws Exception {
        Packet a = new Packet(OpCode.AUTH, new AuthPacket(0, "digest", "u:p".getBytes()), null, null);
        Packet b = new Packet(OpCode.AUTH, new AuthPacket(0, "digest", "v:q".getBytes()), null, null);
        auth.sent(a);
        auth.sent(b);
        handler.handle(frame(new ReplyHeader(Xid.AUTH, 0, Code.OK), null));
        assertEquals(Code.OK, a.result.getNow(null).err());
        handler.handle(frame(new ReplyHeader(Xid.AUTH, 0, Code.AUTHFAILED), null));
        assertEquals(Code.AUTHFAILED, b.result.getNow(null).err());
        assertTrue(authFailed.get());
    }

    @Test
    void malformedBodyDropsTheConnection() {
        Packet packet = sent(OpCode.GET_DATA, 1, new GetDataRequest("/app/a", false), GetDataResponse::read);
        ByteBuffer truncated = frame(new ReplyHeader(1, 3, Code.OK), null);
        assertThrows(IOException.class, () -> handler.handle(truncated));
        assertEquals(Code.MARSHALLINGERROR, packet.result.getNow(null).err());
    }

    private Packet sent(int opCode, int xid, Record request,
                        java.util.function.Function<io.corral.protocol.jute.JuteInput, ? extends Record> reader) {
        Packet packet = new Packet(opCode, request, reader, null);
        packet.assignXid(xid);
        pending.add(packet);
        return packet;
    }

    private static ByteBuffer frame(ReplyHeader header, Record body) {
        JuteOutput out = new JuteOutput();
        header.write(out);
        if (body != null) {
            body.write(out);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
