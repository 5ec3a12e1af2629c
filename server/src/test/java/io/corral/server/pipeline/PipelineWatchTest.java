package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.WatcherType;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.CheckWatchesRequest;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ErrorResponse;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.RemoveWatchesRequest;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.proto.WatcherEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineWatchTest extends PipelineHarness {

    private static void assertEvent(FakeLink.Reply frame, int type, String path, long zxid) {
        assertEquals(-1, frame.xid(), "a notification has xid -1");
        assertEquals(zxid, frame.zxid());
        assertEquals(Code.OK, frame.err());
        assertEquals(new WatcherEvent(type, KeeperState.SYNC_CONNECTED, path), frame.decode(WatcherEvent::read));
    }

    /** The next frame must be the ping reply: nothing else was queued for this client. */
    private static void assertNothingElse(Client c) {
        assertEquals(-2, c.link.nextReply().xid(), "no further event before the ping reply");
    }

    @Test
    void aDataWatchFiresOnceOnAnotherConnection() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/w", CreateFlags.PERSISTENT);
        assertEquals(Code.OK, watcher.call(OpCode.GET_DATA, new GetDataRequest("/w", true)).err());

        FakeLink.Reply set = writer.call(OpCode.SET_DATA, new SetDataRequest("/w", bytes("1"), -1));
        assertEvent(watcher.link.nextReply(), EventType.NODE_DATA_CHANGED, "/w", set.zxid());

        writer.call(OpCode.SET_DATA, new SetDataRequest("/w", bytes("2"), -1));
        watcher.ping();
        assertFalse(watcher.link.hasFrames(), "a standard watch is one-shot");
    }

    @Test
    void anEventCausedByAWriteComesBeforeThatWritesReply() {
        Client c = connect();
        assertEquals(Code.NONODE, c.call(OpCode.EXISTS, new ExistsRequest("/x", true)).err());
        int xid = c.submit(OpCode.CREATE, new CreateRequest("/x", null, OPEN, CreateFlags.PERSISTENT));
        FakeLink.Reply event = c.link.nextReply();
        FakeLink.Reply reply = c.link.replyTo(xid);
        assertEvent(event, EventType.NODE_CREATED, "/x", reply.zxid());
    }

    @Test
    void aChildWatchFiresOnChildCreateAndDelete() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/p", CreateFlags.PERSISTENT);
        watcher.call(OpCode.GET_CHILDREN, new GetChildrenRequest("/p", true));
        FakeLink.Reply created = writer.create("/p/c", CreateFlags.PERSISTENT);
        assertEvent(watcher.link.nextReply(), EventType.NODE_CHILDREN_CHANGED, "/p", created.zxid());
        watcher.call(OpCode.GET_CHILDREN, new GetChildrenRequest("/p", true));
        FakeLink.Reply deleted = writer.call(OpCode.DELETE, new DeleteRequest("/p/c", -1));
        assertEvent(watcher.link.nextReply(), EventType.NODE_CHILDREN_CHANGED, "/p", deleted.zxid());
    }

    @Test
    void aDeleteSendsOneEventToAConnectionWatchingInSeveralWays() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/d", CreateFlags.PERSISTENT);
        watcher.call(OpCode.GET_DATA, new GetDataRequest("/d", true));
        watcher.call(OpCode.GET_CHILDREN, new GetChildrenRequest("/d", true));
        watcher.call(OpCode.EXISTS, new ExistsRequest("/d", true));
        watcher.call(OpCode.ADD_WATCH, new AddWatchRequest("/d", AddWatchMode.PERSISTENT));
        FakeLink.Reply deleted = writer.call(OpCode.DELETE, new DeleteRequest("/d", -1));
        assertEvent(watcher.link.nextReply(), EventType.NODE_DELETED, "/d", deleted.zxid());
        watcher.submit(-2, OpCode.PING, null);
        assertNothingElse(watcher);
    }

    @Test
    void aPersistentRecursiveWatchSeesTheSubtreeButNotChildrenChanged() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/r", CreateFlags.PERSISTENT);
        FakeLink.Reply added = watcher.call(OpCode.ADD_WATCH, new AddWatchRequest("/r", AddWatchMode.PERSISTENT_RECURSIVE));
        assertEquals(Code.OK, added.err());
        assertEquals(new ErrorResponse(0), added.decode(ErrorResponse::read), "addWatch answers with ErrorResponse{0}");

        FakeLink.Reply a = writer.create("/r/a", CreateFlags.PERSISTENT);
        FakeLink.Reply set = writer.call(OpCode.SET_DATA, new SetDataRequest("/r/a", bytes("x"), -1));
        FakeLink.Reply b = writer.create("/r/a/b", CreateFlags.PERSISTENT);
        FakeLink.Reply outside = writer.create("/rr", CreateFlags.PERSISTENT);
        assertEquals(Code.OK, outside.err());
        assertEvent(watcher.link.nextReply(), EventType.NODE_CREATED, "/r/a", a.zxid());
        assertEvent(watcher.link.nextReply(), EventType.NODE_DATA_CHANGED, "/r/a", set.zxid());
        assertEvent(watcher.link.nextReply(), EventType.NODE_CREATED, "/r/a/b", b.zxid());
        watcher.submit(-2, OpCode.PING, null);
        assertNothingElse(watcher);
        assertEquals(1, (int) onPipeline(() -> pipeline.watches().watchCount()), "it stays");
    }

    @Test
    void aClosedConnectionsWatchesAreDropped() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/w", CreateFlags.PERSISTENT);
        watcher.call(OpCode.GET_DATA, new GetDataRequest("/w", true));
        watcher.call(OpCode.ADD_WATCH, new AddWatchRequest("/", AddWatchMode.PERSISTENT_RECURSIVE));
        assertEquals(2, (int) onPipeline(() -> pipeline.watches().watchCount()));
        pipeline.disconnected(watcher.conn);
        assertEquals(0, (int) onPipeline(() -> pipeline.watches().watchCount()));
        writer.call(OpCode.SET_DATA, new SetDataRequest("/w", bytes("1"), -1));
        barrier();
        assertFalse(watcher.link.hasFrames());
    }

    @Test
    void checkAndRemoveWatches() {
        Client watcher = connect();
        Client writer = connect();
        writer.createOk("/w", CreateFlags.PERSISTENT);
        watcher.call(OpCode.GET_DATA, new GetDataRequest("/w", true));
        assertEquals(Code.OK, watcher.call(OpCode.CHECK_WATCHES, new CheckWatchesRequest("/w", WatcherType.DATA)).err());
        assertEquals(Code.NOWATCHER, watcher.call(OpCode.CHECK_WATCHES,
                new CheckWatchesRequest("/w", WatcherType.CHILDREN)).err());
        assertEquals(Code.NOWATCHER, writer.call(OpCode.CHECK_WATCHES,
                new CheckWatchesRequest("/w", WatcherType.ANY)).err(), "watches belong to their connection");
        assertEquals(Code.OK, watcher.call(OpCode.REMOVE_WATCHES, new RemoveWatchesRequest("/w", WatcherType.ANY)).err());
        assertEquals(Code.NOWATCHER, watcher.call(OpCode.REMOVE_WATCHES,
                new RemoveWatchesRequest("/w", WatcherType.ANY)).err());
        writer.call(OpCode.SET_DATA, new SetDataRequest("/w", bytes("1"), -1));
        watcher.submit(-2, OpCode.PING, null);
        assertNothingElse(watcher);
    }

    @Test
    void setWatchesReportsWhatChangedAndRegistersTheRest() {
        Client writer = connect();
        writer.createOk("/changed", CreateFlags.PERSISTENT);
        writer.createOk("/same", CreateFlags.PERSISTENT);
        writer.createOk("/gone", CreateFlags.PERSISTENT);
        long seen = pipeline.lastZxid();
        writer.call(OpCode.SET_DATA, new SetDataRequest("/changed", bytes("x"), -1));
        writer.call(OpCode.DELETE, new DeleteRequest("/gone", -1));
        writer.createOk("/born", CreateFlags.PERSISTENT);

        Client watcher = connect();
        watcher.submit(-8, OpCode.SET_WATCHES, new SetWatches(seen,
                List.of("/changed", "/same", "/gone"), List.of("/born", "/unborn"), List.of("/same")));
        assertEvent(watcher.link.nextReply(), EventType.NODE_DATA_CHANGED, "/changed", -1);
        assertEvent(watcher.link.nextReply(), EventType.NODE_DELETED, "/gone", -1);
        assertEvent(watcher.link.nextReply(), EventType.NODE_CREATED, "/born", -1);
        FakeLink.Reply reply = watcher.link.replyTo(-8);
        assertEquals(Code.OK, reply.err());
        assertEquals(pipeline.lastZxid(), reply.zxid());

        FakeLink.Reply set = writer.call(OpCode.SET_DATA, new SetDataRequest("/same", bytes("y"), -1));
        assertEvent(watcher.link.nextReply(), EventType.NODE_DATA_CHANGED, "/same", set.zxid());
        FakeLink.Reply born = writer.create("/unborn", CreateFlags.PERSISTENT);
        assertEvent(watcher.link.nextReply(), EventType.NODE_CREATED, "/unborn", born.zxid());
        FakeLink.Reply child = writer.create("/same/c", CreateFlags.PERSISTENT);
        assertEvent(watcher.link.nextReply(), EventType.NODE_CHILDREN_CHANGED, "/same", child.zxid());
    }

    // ---- auth and ACLs ----

    private static String digestId(String user, String password) throws NoSuchAlgorithmException {
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return user + ":" + Base64.getEncoder().encodeToString(sha1);
    }

    private static FakeLink.Reply auth(Client c, String scheme, String credentials) {
        c.submit(-4, OpCode.AUTH, new AuthPacket(0, scheme, credentials.getBytes(StandardCharsets.UTF_8)));
        return c.link.replyTo(-4);
    }

    @Test
    void digestAuthThenAclsAreEnforced() throws NoSuchAlgorithmException {
        Client bob = connect();
        Client anon = connect();
        FakeLink.Reply ok = auth(bob, "digest", "bob:secret");
        assertEquals(Code.OK, ok.err());
        assertEquals(0, ok.zxid(), "auth replies carry zxid 0");
        List<ACL> bobOnly = List.of(new ACL(Perms.ALL, new Id("digest", digestId("bob", "secret"))));
        assertEquals(Code.OK, bob.call(OpCode.CREATE, new CreateRequest("/secret", bytes("s"), bobOnly, 0)).err());

        assertEquals(Code.OK, bob.call(OpCode.GET_DATA, new GetDataRequest("/secret", false)).err());
        assertEquals(Code.NOAUTH, anon.call(OpCode.GET_DATA, new GetDataRequest("/secret", false)).err());
        assertEquals(Code.NOAUTH, anon.call(OpCode.EXISTS, new ExistsRequest("/secret", false)).err());
        assertEquals(Code.NOAUTH, anon.call(OpCode.SET_DATA, new SetDataRequest("/secret", null, -1)).err());
        assertEquals(Code.NOAUTH, anon.call(OpCode.CREATE, new CreateRequest("/secret/x", null, OPEN, 0)).err());
        assertEquals(Code.OK, bob.call(OpCode.CREATE, new CreateRequest("/secret/x", null, OPEN, 0)).err());
        assertEquals(Code.NOAUTH, anon.call(OpCode.DELETE, new DeleteRequest("/secret/x", -1)).err());
    }

    @Test
    void anAuthFailureIsAnsweredThenTheConnectionCloses() {
        Client c = connect();
        FakeLink.Reply r = auth(c, "nosuchscheme", "x");
        assertEquals(Code.AUTHFAILED, r.err());
        assertEquals(0, r.zxid());
        c.link.awaitClosed();
        // As in ZooKeeper 3.9.3, digest credentials without ':' authenticate (as user "no-colon").
        Client d = connect();
        assertEquals(Code.OK, auth(d, "digest", "no-colon").err());
        assertEquals(Code.OK, d.ping().err());
        assertFalse(d.link.closed());
    }

    @Test
    void eventsAreOnlyDeliveredToConnectionsThatMayReadTheNode() throws NoSuchAlgorithmException {
        Client bob = connect();
        Client anon = connect();
        auth(bob, "digest", "bob:secret");
        assertEquals(Code.OK, anon.call(OpCode.ADD_WATCH, new AddWatchRequest("/", AddWatchMode.PERSISTENT_RECURSIVE)).err());
        List<ACL> bobOnly = List.of(new ACL(Perms.ALL, new Id("digest", digestId("bob", "secret"))));
        assertEquals(Code.OK, bob.call(OpCode.CREATE, new CreateRequest("/secret", bytes("s"), bobOnly, 0)).err());
        assertEquals(Code.OK, bob.call(OpCode.SET_DATA, new SetDataRequest("/secret", bytes("t"), -1)).err());
        anon.submit(-2, OpCode.PING, null);
        assertNothingElse(anon);
    }
}
