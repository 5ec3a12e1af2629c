package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetACLRequest;
import io.corral.protocol.proto.GetACLResponse;
import io.corral.protocol.proto.GetAllChildrenNumberRequest;
import io.corral.protocol.proto.GetAllChildrenNumberResponse;
import io.corral.protocol.proto.GetChildren2Request;
import io.corral.protocol.proto.GetChildren2Response;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetChildrenResponse;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.protocol.proto.GetEphemeralsRequest;
import io.corral.protocol.proto.GetEphemeralsResponse;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import io.corral.protocol.proto.SetACLRequest;
import io.corral.protocol.proto.SetACLResponse;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SyncRequest;
import io.corral.protocol.proto.SyncResponse;
import io.corral.protocol.proto.WhoAmIResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineReadTest extends PipelineHarness {

    @Test
    void getDataReturnsDataAndTheClientStat() {
        Client c = connect();
        c.createOk("/a", CreateFlags.PERSISTENT);
        c.createOk("/a/x", CreateFlags.PERSISTENT);
        c.createOk("/a/y", CreateFlags.PERSISTENT);
        c.call(OpCode.DELETE, new DeleteRequest("/a/y", -1));
        FakeLink.Reply r = c.call(OpCode.GET_DATA, new GetDataRequest("/a", false));
        assertEquals(pipeline.lastZxid(), r.zxid());
        GetDataResponse d = r.decode(GetDataResponse::read);
        assertArrayEquals(bytes("/a"), d.data());
        Stat s = d.stat();
        assertEquals(3, s.cversion(), "two creates and a delete");
        assertEquals(1, s.numChildren());
        assertEquals(r.zxid(), s.pzxid(), "the delete was the last child change");
    }

    @Test
    void nullDataIsSentAsLengthMinusOne() {
        Client c = connect();
        c.call(OpCode.CREATE, new CreateRequest("/n", null, OPEN, CreateFlags.PERSISTENT));
        FakeLink.Reply r = c.call(OpCode.GET_DATA, new GetDataRequest("/n", false));
        assertEquals(-1, java.nio.ByteBuffer.wrap(r.body()).getInt());
        assertNull(r.decode(GetDataResponse::read).data());
    }

    @Test
    void childrenReads() {
        Client c = connect();
        c.createOk("/p", CreateFlags.PERSISTENT);
        c.createOk("/p/a", CreateFlags.PERSISTENT);
        c.createOk("/p/b", CreateFlags.PERSISTENT);
        c.createOk("/p/b/c", CreateFlags.PERSISTENT);
        List<String> kids = c.call(OpCode.GET_CHILDREN, new GetChildrenRequest("/p", false))
                .decode(GetChildrenResponse::read).children();
        assertEquals(Set.of("a", "b"), new HashSet<>(kids));
        GetChildren2Response k2 = c.call(OpCode.GET_CHILDREN2, new GetChildren2Request("/p", false))
                .decode(GetChildren2Response::read);
        assertEquals(Set.of("a", "b"), new HashSet<>(k2.children()));
        assertEquals(2, k2.stat().numChildren());
        assertEquals(3, c.call(OpCode.GET_ALL_CHILDREN_NUMBER, new GetAllChildrenNumberRequest("/p"))
                .decode(GetAllChildrenNumberResponse::read).totalNumber());
        assertEquals(3 + 4, c.call(OpCode.GET_ALL_CHILDREN_NUMBER, new GetAllChildrenNumberRequest("/"))
                .decode(GetAllChildrenNumberResponse::read).totalNumber(), "/zookeeper, its two children and /p's subtree");
    }

    @Test
    void getEphemeralsListsOnlyTheCallersUnderAPrefix() {
        Client a = connect();
        Client b = connect();
        a.createOk("/app", CreateFlags.PERSISTENT);
        a.createOk("/app/e1", CreateFlags.EPHEMERAL);
        a.createOk("/e2", CreateFlags.EPHEMERAL);
        b.createOk("/app/theirs", CreateFlags.EPHEMERAL);
        assertEquals(List.of("/app/e1", "/e2"), a.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest("/"))
                .decode(GetEphemeralsResponse::read).ephemerals());
        assertEquals(List.of("/app/e1"), a.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest("/app"))
                .decode(GetEphemeralsResponse::read).ephemerals());
        assertEquals(List.of("/app/e1", "/e2"), a.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(""))
                .decode(GetEphemeralsResponse::read).ephemerals());
        assertEquals(List.of("/app/theirs"), b.call(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(null))
                .decode(GetEphemeralsResponse::read).ephemerals());
    }

    @Test
    void syncEchoesThePath() {
        Client c = connect();
        FakeLink.Reply r = c.call(OpCode.SYNC, new SyncRequest("/anything"));
        assertEquals(Code.OK, r.err());
        assertEquals(new SyncResponse("/anything"), r.decode(SyncResponse::read));
    }

    @Test
    void whoAmIListsTheConnectionsIds() {
        Client c = connect();
        List<ClientInfo> before = c.call(OpCode.WHO_AM_I, null).decode(WhoAmIResponse::read).clientInfo();
        assertEquals(List.of(new ClientInfo("ip", "127.0.0.1")), before);
        c.submit(-4, OpCode.AUTH, new AuthPacket(0, "digest", "carol:pw".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Code.OK, c.link.replyTo(-4).err());
        Set<ClientInfo> after = new HashSet<>(c.call(OpCode.WHO_AM_I, null).decode(WhoAmIResponse::read).clientInfo());
        assertEquals(Set.of(new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "carol")), after);
    }

    @Test
    void multiReadAnswersEachReadOnItsOwn() {
        Client c = connect();
        c.createOk("/r", CreateFlags.PERSISTENT);
        FakeLink.Reply r = c.call(OpCode.MULTI_READ, new MultiRequest(List.of(
                new MultiOp(OpCode.GET_DATA, new GetDataRequest("/r", true)),
                new MultiOp(OpCode.GET_CHILDREN, new GetChildrenRequest("/missing", false)),
                new MultiOp(OpCode.GET_CHILDREN, new GetChildrenRequest("/", false)))));
        assertEquals(Code.OK, r.err());
        List<MultiResult> results = r.decode(MultiResponse::read).results();
        assertEquals(OpCode.GET_DATA, results.get(0).type());
        assertArrayEquals(bytes("/r"), ((GetDataResponse) results.get(0).response()).data());
        assertEquals(OpCode.ERROR, results.get(1).type());
        assertEquals(Code.NONODE, results.get(1).err());
        assertEquals(Set.of("zookeeper", "r"),
                new HashSet<>(((GetChildrenResponse) results.get(2).response()).children()));
        assertEquals(0, (int) onPipeline(() -> pipeline.watches().watchCount()), "multiRead ignores watch flags");
    }

    private static String digestId(String user, String password) throws NoSuchAlgorithmException {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return user + ":" + Base64.getEncoder().encodeToString(sha1);
    }

    @Test
    void aclsAreStoredExpandedAndShownMaskedWithoutAdmin() throws NoSuchAlgorithmException {
        Client bob = connect();
        Client anon = connect();
        bob.submit(-4, OpCode.AUTH, new AuthPacket(0, "digest", "bob:pw".getBytes(StandardCharsets.UTF_8)));
        bob.link.replyTo(-4);
        List<ACL> requested = List.of(new ACL(Perms.READ, new Id("world", "anyone")),
                new ACL(Perms.ALL, new Id("auth", "")), new ACL(Perms.ALL, new Id("auth", "")));
        assertEquals(Code.OK, bob.call(OpCode.CREATE, new CreateRequest("/acl", null, requested, 0)).err());
        String bobId = digestId("bob", "pw");
        List<ACL> stored = List.of(new ACL(Perms.READ, new Id("world", "anyone")), new ACL(Perms.ALL, new Id("digest", bobId)));
        assertEquals(stored, bob.call(OpCode.GET_ACL, new GetACLRequest("/acl")).decode(GetACLResponse::read).acl(),
                "auth is replaced by the creator's ids and duplicates go");
        assertEquals(List.of(new ACL(Perms.READ, new Id("world", "anyone")), new ACL(Perms.ALL, new Id("digest", "bob:x"))),
                anon.call(OpCode.GET_ACL, new GetACLRequest("/acl")).decode(GetACLResponse::read).acl());

        assertEquals(Code.NOAUTH, anon.call(OpCode.SET_ACL, new SetACLRequest("/acl", OPEN, -1)).err());
        FakeLink.Reply set = bob.call(OpCode.SET_ACL, new SetACLRequest("/acl", OPEN, 0));
        assertEquals(Code.OK, set.err());
        Stat s = set.decode(SetACLResponse::read).stat();
        assertEquals(1, s.aversion());
        assertEquals(0, s.version());
        assertEquals(Code.OK, anon.call(OpCode.SET_DATA, new SetDataRequest("/acl", bytes("now open"), -1)).err());
        assertEquals(Code.OK, anon.call(OpCode.EXISTS, new ExistsRequest("/acl", false)).err());
    }

    @Test
    void readsOfAClientThatStoppedReadingWaitUntilItCatchesUp() {
        Client c = connect();
        c.createOk("/big", CreateFlags.PERSISTENT);
        c.link.congested = true;
        int first = c.submit(OpCode.GET_DATA, new GetDataRequest("/big", false));
        int second = c.submit(OpCode.EXISTS, new ExistsRequest("/big", false));
        barrier();
        assertEquals(false, c.link.hasFrames(), "no reply is built for a client that does not read");
        c.link.congested = false;
        pipeline.drained(c.conn);
        assertEquals(Code.OK, c.link.replyTo(first).err());
        assertEquals(Code.OK, c.link.replyTo(second).err(), "and the held reads keep their order");
    }
}
