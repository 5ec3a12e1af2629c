package io.corral.server.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.CheckVersionRequest;
import io.corral.protocol.proto.CheckWatchesRequest;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateResponse;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ErrorResponse;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import io.corral.protocol.proto.ReconfigRequest;
import io.corral.protocol.proto.SetACLRequest;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetDataResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineWriteTest extends PipelineHarness {

    @Test
    void createRepliesWithItsZxidAndPath() {
        Client c = connect();
        long before = pipeline.lastZxid();
        FakeLink.Reply r = c.create("/a", CreateFlags.PERSISTENT);
        assertEquals(Code.OK, r.err());
        assertEquals(before + 1, r.zxid());
        assertEquals("/a", r.decode(CreateResponse::read).path());

        FakeLink.Reply r2 = c.call(OpCode.CREATE2, new CreateRequest("/b", bytes("xy"), OPEN, CreateFlags.PERSISTENT));
        Create2Response created = r2.decode(Create2Response::read);
        assertEquals("/b", created.path());
        Stat s = created.stat();
        assertEquals(r2.zxid(), s.czxid());
        assertEquals(r2.zxid(), s.mzxid());
        assertEquals(r2.zxid(), s.pzxid());
        assertEquals(clock.wallMs(), s.ctime(), "ctime comes from the injected clock");
        assertEquals(2, s.dataLength());
        assertEquals(0, s.version());
        assertEquals(log.lastZxid(), r2.zxid());
    }

    @Test
    void aFailedWriteStillConsumesAZxid() {
        Client c = connect();
        FakeLink.Reply first = c.create("/a", CreateFlags.PERSISTENT);
        FakeLink.Reply again = c.create("/a", CreateFlags.PERSISTENT);
        assertEquals(Code.NODEEXISTS, again.err());
        assertEquals(first.zxid() + 1, again.zxid());
        assertEquals(0, again.body().length, "a failed request is answered with the header alone");
        assertEquals(again.zxid(), log.lastZxid(), "the error is logged");
        FakeLink.Reply orphan = c.create("/missing/child", CreateFlags.PERSISTENT);
        assertEquals(Code.NONODE, orphan.err());
        assertEquals(again.zxid() + 1, orphan.zxid());
    }

    @Test
    void aChildCanBeCreatedBeforeItsParentIsApplied() {
        Client c = connect();
        log.hold();
        int parent = c.submit(OpCode.CREATE, new CreateRequest("/p", null, OPEN, CreateFlags.PERSISTENT));
        int child = c.submit(OpCode.CREATE, new CreateRequest("/p/c", null, OPEN, CreateFlags.PERSISTENT));
        int grandchild = c.submit(OpCode.CREATE, new CreateRequest("/p/c/g", null, OPEN, CreateFlags.EPHEMERAL));
        int underEphemeral = c.submit(OpCode.CREATE, new CreateRequest("/p/c/g/x", null, OPEN, CreateFlags.PERSISTENT));
        barrier();
        await().atMost(FakeLink.WAIT).pollInterval(Duration.ofMillis(1)).until(() -> log.waitingCommits() == 1);
        assertFalse(c.link.hasFrames(), "nothing is answered before it is durable");
        log.release();
        assertEquals(Code.OK, c.link.replyTo(parent).err());
        assertEquals(Code.OK, c.link.replyTo(child).err());
        assertEquals(Code.OK, c.link.replyTo(grandchild).err());
        assertEquals(Code.NOCHILDRENFOREPHEMERALS, c.link.replyTo(underEphemeral).err(),
                "the pending ephemeral is seen as ephemeral");
    }

    @Test
    void pendingDeletesAndVersionsAreSeenByTheNextRequest() {
        Client c = connect();
        c.createOk("/a", CreateFlags.PERSISTENT);
        log.hold();
        int set1 = c.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("1"), 0));
        int set2 = c.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("2"), 1));
        int stale = c.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("x"), 1));
        int del = c.submit(OpCode.DELETE, new DeleteRequest("/a", 2));
        int delAgain = c.submit(OpCode.DELETE, new DeleteRequest("/a", -1));
        int recreate = c.submit(OpCode.CREATE, new CreateRequest("/a", null, OPEN, CreateFlags.PERSISTENT));
        barrier();
        log.release();
        assertEquals(1, c.link.replyTo(set1).decode(SetDataResponse::read).stat().version());
        assertEquals(2, c.link.replyTo(set2).decode(SetDataResponse::read).stat().version());
        assertEquals(Code.BADVERSION, c.link.replyTo(stale).err());
        assertEquals(Code.OK, c.link.replyTo(del).err());
        assertEquals(Code.NONODE, c.link.replyTo(delAgain).err());
        assertEquals(Code.OK, c.link.replyTo(recreate).err());
    }

    @Test
    void repliesKeepRequestOrderAndReadsSeeEarlierWritesOnly() {
        Client c = connect();
        c.createOk("/a", CreateFlags.PERSISTENT);
        log.hold();
        int w1 = c.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("first"), -1));
        int r1 = c.submit(OpCode.GET_DATA, new GetDataRequest("/a", false));
        int w2 = c.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("second"), -1));
        int r2 = c.submit(OpCode.EXISTS, new ExistsRequest("/a", false));
        int r3 = c.submit(OpCode.GET_DATA, new GetDataRequest("/a", false));
        barrier();
        assertFalse(c.link.hasFrames(), "reads wait behind their session's pending write");
        log.release();
        FakeLink.Reply a = c.link.replyTo(w1);
        FakeLink.Reply b = c.link.replyTo(r1);
        GetDataResponse read1 = b.decode(GetDataResponse::read);
        assertArrayEquals(bytes("first"), read1.data());
        assertEquals(1, read1.stat().version());
        assertEquals(a.zxid(), b.zxid(), "a read answers with the zxid it has seen");
        FakeLink.Reply c2 = c.link.replyTo(w2);
        assertEquals(2, c2.decode(SetDataResponse::read).stat().version());
        assertEquals(2, c.link.replyTo(r2).decode(io.corral.protocol.proto.ExistsResponse::read).stat().version());
        assertArrayEquals(bytes("second"), c.link.replyTo(r3).decode(GetDataResponse::read).data());
    }

    @Test
    void aReadOfAnotherSessionDoesNotWaitForThisSessionsWrite() {
        Client writer = connect();
        Client reader = connect();
        writer.createOk("/a", CreateFlags.PERSISTENT);
        log.hold();
        int w = writer.submit(OpCode.SET_DATA, new SetDataRequest("/a", bytes("new"), -1));
        barrier();
        FakeLink.Reply r = reader.call(OpCode.GET_DATA, new GetDataRequest("/a", false));
        assertArrayEquals(bytes("/a"), r.decode(GetDataResponse::read).data(), "the write is not applied yet");
        log.release();
        assertEquals(Code.OK, writer.link.replyTo(w).err());
    }

    @Test
    void manyInterleavedRequestsAreAnsweredInOrder() {
        Client c = connect();
        c.createOk("/n", CreateFlags.PERSISTENT);
        List<Integer> xids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            xids.add(i % 3 == 0
                    ? c.submit(OpCode.GET_DATA, new GetDataRequest("/n", false))
                    : c.submit(OpCode.SET_DATA, new SetDataRequest("/n", bytes("v" + i), -1)));
        }
        long lastZxid = 0;
        for (int xid : xids) {
            FakeLink.Reply r = c.link.replyTo(xid);
            assertEquals(Code.OK, r.err());
            assertTrue(r.zxid() >= lastZxid, "zxids never go back");
            lastZxid = r.zxid();
        }
    }

    @Test
    void sequentialNamesUseTheParentsCounter() {
        Client c = connect();
        c.createOk("/q", CreateFlags.PERSISTENT);
        assertEquals("/q/n-0000000000", c.createOk("/q/n-", CreateFlags.PERSISTENT_SEQUENTIAL));
        assertEquals("/q/n-0000000001", c.createOk("/q/n-", CreateFlags.EPHEMERAL_SEQUENTIAL));
        assertEquals("/q/plain", c.createOk("/q/plain", CreateFlags.PERSISTENT));
        assertEquals("/q/n-0000000003", c.createOk("/q/n-", CreateFlags.PERSISTENT_SEQUENTIAL),
                "every child creation counts");
        assertEquals("/q/0000000004", c.createOk("/q/", CreateFlags.PERSISTENT_SEQUENTIAL),
                "a trailing slash is legal for sequential modes");
        log.hold();
        int x = c.submit(OpCode.CREATE, new CreateRequest("/q/p-", null, OPEN, CreateFlags.PERSISTENT_SEQUENTIAL));
        int y = c.submit(OpCode.CREATE, new CreateRequest("/q/p-", null, OPEN, CreateFlags.PERSISTENT_SEQUENTIAL));
        barrier();
        log.release();
        assertEquals("/q/p-0000000005", c.link.replyTo(x).decode(CreateResponse::read).path());
        assertEquals("/q/p-0000000006", c.link.replyTo(y).decode(CreateResponse::read).path());
    }

    @Test
    void aFailedMultiChangesNothingAndReportsEveryOp() {
        Client c = connect();
        long before = pipeline.lastZxid();
        FakeLink.Reply r = c.call(OpCode.MULTI, new MultiRequest(List.of(
                new MultiOp(OpCode.CREATE, new CreateRequest("/m1", null, OPEN, CreateFlags.PERSISTENT)),
                new MultiOp(OpCode.CREATE, new CreateRequest("/nope/x", null, OPEN, CreateFlags.PERSISTENT)),
                new MultiOp(OpCode.SET_DATA, new SetDataRequest("/m1", bytes("x"), -1)))));
        assertEquals(Code.OK, r.err(), "a multi's header says OK; the results carry the failure");
        assertEquals(before + 1, r.zxid(), "a failed multi consumes a zxid");
        List<MultiResult> results = r.decode(MultiResponse::read).results();
        assertEquals(3, results.size());
        int[] codes = {Code.OK, Code.NONODE, Code.RUNTIMEINCONSISTENCY};
        for (int i = 0; i < 3; i++) {
            MultiResult res = results.get(i);
            assertEquals(OpCode.ERROR, res.type());
            assertEquals(codes[i], res.err());
            assertEquals(new ErrorResponse(codes[i]), res.response());
        }
        assertEquals(Code.NONODE, c.call(OpCode.EXISTS, new ExistsRequest("/m1", false)).err());
        // The failed multi left no pending change behind: the same create now succeeds.
        c.createOk("/m1", CreateFlags.PERSISTENT);
    }

    @Test
    void aSuccessfulMultiAnswersEachOp() {
        Client c = connect();
        FakeLink.Reply r = c.call(OpCode.MULTI, new MultiRequest(List.of(
                new MultiOp(OpCode.CREATE, new CreateRequest("/m", bytes("a"), OPEN, CreateFlags.PERSISTENT)),
                new MultiOp(OpCode.CREATE2, new CreateRequest("/m/c", null, OPEN, CreateFlags.PERSISTENT)),
                new MultiOp(OpCode.SET_DATA, new SetDataRequest("/m", bytes("b"), 0)),
                new MultiOp(OpCode.CHECK, new CheckVersionRequest("/m", 1)),
                new MultiOp(OpCode.DELETE, new DeleteRequest("/m/c", 0)))));
        assertEquals(Code.OK, r.err());
        List<MultiResult> results = r.decode(MultiResponse::read).results();
        assertEquals(List.of(OpCode.CREATE, OpCode.CREATE2, OpCode.SET_DATA, OpCode.CHECK, OpCode.DELETE),
                results.stream().map(MultiResult::type).toList());
        results.forEach(res -> assertEquals(Code.OK, res.err()));
        assertEquals(new CreateResponse("/m"), results.get(0).response());
        assertEquals("/m/c", ((Create2Response) results.get(1).response()).path());
        assertEquals(r.zxid(), ((Create2Response) results.get(1).response()).stat().czxid());
        assertEquals(1, ((SetDataResponse) results.get(2).response()).stat().version());
        GetDataResponse m = c.call(OpCode.GET_DATA, new GetDataRequest("/m", false)).decode(GetDataResponse::read);
        assertArrayEquals(bytes("b"), m.data());
        assertEquals(0, m.stat().numChildren());
    }

    @Test
    void anEmptyMultiConsumesAZxid() {
        Client c = connect();
        long before = pipeline.lastZxid();
        FakeLink.Reply r = c.call(OpCode.MULTI, new MultiRequest(List.of()));
        assertEquals(Code.OK, r.err());
        assertEquals(before + 1, r.zxid());
        assertEquals(List.of(), r.decode(MultiResponse::read).results());
    }

    @Test
    void writesSubmittedTogetherShareCommits() {
        Client c = connect();
        int n = 200;
        long commitsBefore = log.commitCount();
        long zxidBefore = log.lastZxid();
        List<Integer> xids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xids.add(c.submit(OpCode.CREATE, new CreateRequest("/g" + i, null, OPEN, CreateFlags.PERSISTENT)));
        }
        for (int xid : xids) {
            assertEquals(Code.OK, c.link.replyTo(xid).err());
        }
        assertTrue(log.commitCount() - commitsBefore <= n);
        assertEquals(zxidBefore + n, log.lastZxid());
        assertEquals(log.lastZxid(), pipeline.lastZxid());
    }

    @Test
    void writesArrivingDuringACommitGoInTheNextBatch() {
        Client c = connect();
        int n = 100;
        long commitsBefore = log.commitCount();
        log.hold();
        List<Integer> xids = new ArrayList<>();
        xids.add(c.submit(OpCode.CREATE, new CreateRequest("/first", null, OPEN, CreateFlags.PERSISTENT)));
        await().atMost(FakeLink.WAIT).pollInterval(Duration.ofMillis(1)).until(() -> log.waitingCommits() == 1);
        for (int i = 1; i < n; i++) {
            xids.add(c.submit(OpCode.CREATE, new CreateRequest("/b" + i, null, OPEN, CreateFlags.PERSISTENT)));
        }
        barrier();
        log.release();
        for (int xid : xids) {
            assertEquals(Code.OK, c.link.replyTo(xid).err());
        }
        assertEquals(2, log.commitCount() - commitsBefore, "one commit for the first, one for the 99 behind it");
    }

    @Test
    void unknownOpcodeIsUnimplementedThenClose() {
        Client c = connect();
        FakeLink.Reply r = c.call(999, null);
        assertEquals(Code.UNIMPLEMENTED, r.err());
        assertEquals(-1, r.zxid());
        c.link.awaitClosed();
    }

    static Stream<Arguments> failures() {
        List<ACL> noAcl = List.of();
        List<ACL> badWorld = List.of(new ACL(Perms.ALL, new Id("world", "someone")));
        List<ACL> unknownScheme = List.of(new ACL(Perms.ALL, new Id("kerberos", "x")));
        return Stream.of(
                Arguments.of("create without a slash", OpCode.CREATE, new CreateRequest("a", null, OPEN, 0), Code.BADARGUMENTS),
                Arguments.of("create with a trailing slash", OpCode.CREATE, new CreateRequest("/a/", null, OPEN, 0), Code.BADARGUMENTS),
                Arguments.of("create with a dot segment", OpCode.CREATE, new CreateRequest("/a/.", null, OPEN, 0), Code.BADARGUMENTS),
                Arguments.of("create, bad flags", OpCode.CREATE, new CreateRequest("/x", null, OPEN, 7), Code.BADARGUMENTS),
                Arguments.of("create, TTL flags on op 1", OpCode.CREATE, new CreateRequest("/x", null, OPEN, 5), Code.BADARGUMENTS),
                Arguments.of("create, container flags on op 1", OpCode.CREATE, new CreateRequest("/x", null, OPEN, 4), Code.BADARGUMENTS),
                Arguments.of("createContainer, persistent flags", OpCode.CREATE_CONTAINER, new CreateRequest("/x", null, OPEN, 0), Code.BADARGUMENTS),
                Arguments.of("createTTL without extended types", OpCode.CREATE_TTL, new CreateTTLRequest("/x", null, OPEN, 5, 1000), Code.UNIMPLEMENTED),
                Arguments.of("create, empty ACL", OpCode.CREATE, new CreateRequest("/x", null, noAcl, 0), Code.INVALIDACL),
                Arguments.of("create, world:someone", OpCode.CREATE, new CreateRequest("/x", null, badWorld, 0), Code.INVALIDACL),
                Arguments.of("create, unknown scheme", OpCode.CREATE, new CreateRequest("/x", null, unknownScheme, 0), Code.INVALIDACL),
                Arguments.of("create, auth without an authenticated id", OpCode.CREATE,
                        new CreateRequest("/x", null, List.of(new ACL(Perms.ALL, new Id("auth", ""))), 0), Code.INVALIDACL),
                Arguments.of("create, missing parent", OpCode.CREATE, new CreateRequest("/a/b/c/d", null, OPEN, 0), Code.NONODE),
                Arguments.of("create, exists", OpCode.CREATE, new CreateRequest("/a", null, OPEN, 0), Code.NODEEXISTS),
                Arguments.of("create under an ephemeral", OpCode.CREATE, new CreateRequest("/eph/x", null, OPEN, 0), Code.NOCHILDRENFOREPHEMERALS),
                Arguments.of("setData, missing", OpCode.SET_DATA, new SetDataRequest("/missing", null, -1), Code.NONODE),
                Arguments.of("setData, version", OpCode.SET_DATA, new SetDataRequest("/a", null, 5), Code.BADVERSION),
                Arguments.of("setData, bad path", OpCode.SET_DATA, new SetDataRequest("/a//b", null, -1), Code.BADARGUMENTS),
                Arguments.of("delete, has children", OpCode.DELETE, new DeleteRequest("/a", -1), Code.NOTEMPTY),
                Arguments.of("delete, version", OpCode.DELETE, new DeleteRequest("/a/b", 3), Code.BADVERSION),
                Arguments.of("delete, missing", OpCode.DELETE, new DeleteRequest("/missing", -1), Code.NONODE),
                Arguments.of("delete, missing parent", OpCode.DELETE, new DeleteRequest("/missing/x", -1), Code.NONODE),
                Arguments.of("delete /", OpCode.DELETE, new DeleteRequest("/", -1), Code.BADARGUMENTS),
                Arguments.of("delete /zookeeper", OpCode.DELETE, new DeleteRequest("/zookeeper", -1), Code.BADARGUMENTS),
                Arguments.of("delete /zookeeper/config", OpCode.DELETE, new DeleteRequest("/zookeeper/config", -1), Code.BADARGUMENTS),
                Arguments.of("setACL, aversion", OpCode.SET_ACL, new SetACLRequest("/a", OPEN, 4), Code.BADVERSION),
                Arguments.of("setACL, missing", OpCode.SET_ACL, new SetACLRequest("/missing", OPEN, -1), Code.NONODE),
                Arguments.of("setACL, empty list", OpCode.SET_ACL, new SetACLRequest("/a", noAcl, -1), Code.INVALIDACL),
                Arguments.of("getData, missing", OpCode.GET_DATA, new GetDataRequest("/missing", false), Code.NONODE),
                Arguments.of("exists, missing", OpCode.EXISTS, new ExistsRequest("/missing", false), Code.NONODE),
                Arguments.of("getChildren, missing", OpCode.GET_CHILDREN, new GetChildrenRequest("/missing", false), Code.NONODE),
                Arguments.of("reconfig", OpCode.RECONFIG, new ReconfigRequest(null, null, "server.1=x", -1), Code.RECONFIGDISABLED),
                Arguments.of("checkWatches, none", OpCode.CHECK_WATCHES, new CheckWatchesRequest("/a", 3), Code.NOWATCHER),
                Arguments.of("addWatch, bad mode", OpCode.ADD_WATCH, new AddWatchRequest("/a", 7), Code.BADARGUMENTS));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("failures")
    void failuresAreAnsweredWithTheirCodeAndNoBody(String name, int opcode, Record body, int expected) {
        Client c = connect();
        c.createOk("/a", CreateFlags.PERSISTENT);
        c.createOk("/a/b", CreateFlags.PERSISTENT);
        c.createOk("/eph", CreateFlags.EPHEMERAL);
        long before = pipeline.lastZxid();
        FakeLink.Reply r = c.call(opcode, body);
        assertEquals(expected, r.err(), () -> name + ": got " + Code.name(r.err()));
        assertEquals(0, r.body().length);
        boolean write = new io.corral.server.pipeline.op.WriteOps().get(opcode) != null;
        assertEquals(write ? before + 1 : before, r.zxid(), "writes take a zxid even when they fail; reads do not");
        assertFalse(c.link.closed());
    }
}
