package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** Create modes, sequential names, containers, TTL nodes and the error codes of create/delete. */
class CreateModesTest {

    private static final List<ACL> OPEN = Ids.OPEN_ACL_UNSAFE;
    private static final Duration REAP_WAIT = Duration.ofSeconds(20);

    private static ServerProcess server;
    private static ZooKeeper zk;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(CreateModesTest.class).containerCheckIntervalMs(1000).start();
        zk = Zk.connect(server.connectString());
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(zk);
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void persistentAndEphemeralNodes() throws Exception {
        assertEquals("/cm-persistent", zk.create("/cm-persistent", bytes("p"), OPEN, CreateMode.PERSISTENT));
        assertEquals("/cm-ephemeral", zk.create("/cm-ephemeral", bytes("e"), OPEN, CreateMode.EPHEMERAL));

        Stat persistent = zk.exists("/cm-persistent", false);
        Stat ephemeral = zk.exists("/cm-ephemeral", false);
        assertEquals(0L, persistent.getEphemeralOwner());
        assertEquals(zk.getSessionId(), ephemeral.getEphemeralOwner());

        ZooKeeper other = Zk.connect(server.connectString());
        try {
            assertEquals("e", new String(other.getData("/cm-ephemeral", false, null), StandardCharsets.UTF_8));
            assertEquals(zk.getSessionId(), other.exists("/cm-ephemeral", false).getEphemeralOwner());
        } finally {
            Zk.closeQuietly(other);
        }
    }

    @Test
    void sequentialSuffixComesFromTheParentsCounterSharedByAllChildCreations() throws Exception {
        Zk.createPersistent(zk, "/seq");
        zk.create("/seq/plain", null, OPEN, CreateMode.PERSISTENT); // counter 0 -> 1
        assertEquals("/seq/s-0000000001", zk.create("/seq/s-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/seq/e-0000000002", zk.create("/seq/e-", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL));
        zk.delete("/seq/plain", -1); // deletes do not advance the counter
        assertEquals("/seq/s-0000000003", zk.create("/seq/s-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        // a failed create does not advance it either
        assertCode(Code.NODEEXISTS, () -> zk.create("/seq/s-0000000001", null, OPEN, CreateMode.PERSISTENT));
        // a path ending in '/' is legal for sequential modes: the suffix becomes the whole name
        assertEquals("/seq/0000000004", zk.create("/seq/", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/seq/x0000000005", zk.create("/seq/x", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL));

        List<String> children = zk.getChildren("/seq", false);
        assertEquals(5, children.size(), children::toString);
        assertTrue(children.containsAll(List.of("s-0000000001", "e-0000000002", "s-0000000003", "0000000004", "x0000000005")));
        Stat ephSeq = zk.exists("/seq/e-0000000002", false);
        assertEquals(zk.getSessionId(), ephSeq.getEphemeralOwner());
        assertEquals(0L, zk.exists("/seq/s-0000000001", false).getEphemeralOwner());
    }

    @Test
    void eachParentHasItsOwnSequenceCounter() throws Exception {
        Zk.createPersistent(zk, "/seqa");
        Zk.createPersistent(zk, "/seqb");
        assertEquals("/seqa/n0000000000", zk.create("/seqa/n", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/seqa/n0000000001", zk.create("/seqa/n", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals("/seqb/n0000000000", zk.create("/seqb/n", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
    }

    @Test
    void containerIsReapedAfterItsLastChildIsDeleted() throws Exception {
        Stat stat = new Stat();
        assertEquals("/ctr-used", zk.create("/ctr-used", bytes("c"), OPEN, CreateMode.CONTAINER, stat));
        assertEquals(0L, stat.getEphemeralOwner(), "containers report ephemeralOwner 0");
        zk.create("/ctr-unused", null, OPEN, CreateMode.CONTAINER);
        zk.create("/ctr-busy", null, OPEN, CreateMode.CONTAINER);
        zk.create("/ctr-busy/child", null, OPEN, CreateMode.PERSISTENT);

        zk.create("/ctr-used/child", null, OPEN, CreateMode.PERSISTENT);
        zk.create("/ctr-used/child2", null, OPEN, CreateMode.EPHEMERAL);
        zk.delete("/ctr-used/child", -1);
        assertNotNull(zk.exists("/ctr-used", false), "still has a child");
        zk.delete("/ctr-used/child2", -1);

        await("container /ctr-used reaped").atMost(REAP_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> zk.exists("/ctr-used", false) == null);
        // a reaper pass has run: a container that never had a child and one that still has a child both survive
        assertNotNull(zk.exists("/ctr-unused", false), "a container that never had a child is not reaped");
        assertNotNull(zk.exists("/ctr-busy", false), "a container with a child is not reaped");
    }

    @Test
    void containerMayHaveChildrenOfAnyMode() throws Exception {
        zk.create("/ctr-kids", null, OPEN, CreateMode.CONTAINER);
        assertEquals("/ctr-kids/s0000000000", zk.create("/ctr-kids/s", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        zk.create("/ctr-kids/e", null, OPEN, CreateMode.EPHEMERAL);
        assertEquals(2, zk.exists("/ctr-kids", false).getNumChildren());
    }

    @Test
    void ttlNodeIsReapedAfterItsTtl() throws Exception {
        Stat stat = new Stat();
        zk.create("/ttl-parent", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, stat, 300);
        zk.create("/ttl-parent/child", null, OPEN, CreateMode.PERSISTENT);
        assertEquals("/ttl-node", zk.create("/ttl-node", bytes("t"), OPEN, CreateMode.PERSISTENT_WITH_TTL, stat, 300));
        assertEquals(0L, stat.getEphemeralOwner(), "TTL nodes report ephemeralOwner 0");
        assertEquals(1, stat.getDataLength());
        String seq = zk.create("/ttl-seq-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, stat, 300);
        assertTrue(seq.matches("/ttl-seq-\\d{10}"), seq);

        await("TTL nodes reaped").atMost(REAP_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> zk.exists("/ttl-node", false) == null && zk.exists(seq, false) == null);
        assertNotNull(zk.exists("/ttl-parent", false), "a TTL node with a child is not reaped");
    }

    @Test
    void ttlNodeIsKeptWhileItsTtlHasNotElapsed() throws Exception {
        zk.create("/ttl-long", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 3_600_000L);
        zk.create("/ttl-short", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 200);
        await("short TTL node reaped").atMost(REAP_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> zk.exists("/ttl-short", false) == null);
        assertNotNull(zk.exists("/ttl-long", false));
    }

    @Test
    void createTtlIsUnimplementedWhenExtendedTypesAreDisabled() throws Exception {
        try (ServerProcess plain = ServerProcess.builder("CreateModesTest-noExtendedTypes").extendedTypesEnabled(false).start()) {
            ZooKeeper client = Zk.connect(plain.connectString());
            try {
                assertCode(Code.UNIMPLEMENTED,
                        () -> client.create("/ttl", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 10_000));
                assertCode(Code.UNIMPLEMENTED,
                        () -> client.create("/ttl-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, new Stat(), 10_000));
                assertNull(client.exists("/ttl", false));
                // the session survives the rejected request and other modes still work
                assertEquals("/c", client.create("/c", null, OPEN, CreateMode.CONTAINER));
                assertEquals("/p", client.create("/p", null, OPEN, CreateMode.PERSISTENT));
            } finally {
                Zk.closeQuietly(client);
            }
        }
    }

    @Test
    void createOfExistingNodeIsNodeExists() throws Exception {
        Zk.createPersistent(zk, "/exists-twice");
        assertCode(Code.NODEEXISTS, () -> zk.create("/exists-twice", null, OPEN, CreateMode.PERSISTENT));
        assertCode(Code.NODEEXISTS, () -> zk.create("/exists-twice", null, OPEN, CreateMode.EPHEMERAL));
        assertCode(Code.NODEEXISTS, () -> zk.create("/exists-twice", null, OPEN, CreateMode.CONTAINER));
        assertCode(Code.NODEEXISTS, () -> zk.create("/", null, OPEN, CreateMode.PERSISTENT));
        assertCode(Code.NODEEXISTS, () -> zk.create("/zookeeper", null, OPEN, CreateMode.PERSISTENT));
    }

    @Test
    void createUnderMissingParentIsNoNode() throws Exception {
        assertCode(Code.NONODE, () -> zk.create("/no-parent/child", null, OPEN, CreateMode.PERSISTENT));
        assertCode(Code.NONODE, () -> zk.create("/no-parent/child", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL));
        assertCode(Code.NONODE, () -> zk.create("/no-parent/a/b", null, OPEN, CreateMode.CONTAINER));
        assertNull(zk.exists("/no-parent", false));
    }

    @Test
    void ephemeralNodesCannotHaveChildren() throws Exception {
        zk.create("/eph-parent", null, OPEN, CreateMode.EPHEMERAL);
        assertCode(Code.NOCHILDRENFOREPHEMERALS, () -> zk.create("/eph-parent/c", null, OPEN, CreateMode.PERSISTENT));
        assertCode(Code.NOCHILDRENFOREPHEMERALS, () -> zk.create("/eph-parent/c", null, OPEN, CreateMode.EPHEMERAL));
        assertCode(Code.NOCHILDRENFOREPHEMERALS, () -> zk.create("/eph-parent/s", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals(0, zk.exists("/eph-parent", false).getNumChildren());
    }

    @Test
    void create2ReturnsTheNewNodesStat() throws Exception {
        Stat stat = new Stat();
        String path = zk.create("/create2", bytes("hello"), OPEN, CreateMode.PERSISTENT, stat);
        assertEquals("/create2", path);
        assertTrue(stat.getCzxid() > 0);
        assertEquals(stat.getCzxid(), stat.getMzxid());
        assertEquals(stat.getCzxid(), stat.getPzxid());
        assertEquals(stat.getCtime(), stat.getMtime());
        assertEquals(0, stat.getVersion());
        assertEquals(0, stat.getCversion());
        assertEquals(0, stat.getAversion());
        assertEquals(5, stat.getDataLength());
        assertEquals(0, stat.getNumChildren());
        assertEquals(stat, zk.exists("/create2", false));

        Stat seqStat = new Stat();
        String seq = zk.create("/create2-", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL, seqStat);
        assertEquals(seqStat, zk.exists(seq, false));
        assertEquals(zk.getSessionId(), seqStat.getEphemeralOwner());
        assertTrue(seqStat.getCzxid() > stat.getCzxid());
    }

    @Test
    void deletingReservedNodesIsBadArguments() throws Exception {
        assertCode(Code.BADARGUMENTS, () -> zk.delete("/zookeeper", -1));
        assertCode(Code.BADARGUMENTS, () -> zk.delete("/zookeeper/quota", -1));
        assertCode(Code.BADARGUMENTS, () -> zk.delete("/", -1));
        assertNotNull(zk.exists("/zookeeper", false));
        assertNotNull(zk.exists("/zookeeper/quota", false));
    }

    @Test
    void deleteErrors() throws Exception {
        assertCode(Code.NONODE, () -> zk.delete("/never-created", -1));
        Zk.createPersistent(zk, "/del-parent");
        Zk.createPersistent(zk, "/del-parent/kid");
        assertCode(Code.NOTEMPTY, () -> zk.delete("/del-parent", -1));
        zk.delete("/del-parent/kid", -1);
        zk.delete("/del-parent", -1);
        assertNull(zk.exists("/del-parent", false));
    }

    // ------------------------------------------------------------------ invalid paths, sent raw because the Java
    // client rejects them before they reach the wire

    private static int rawCreate(String path, int flags) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            return raw.call(OpCode.create, new CreateRequest(path, new byte[0], OPEN, flags)).err();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/bad-parent/", "/bad-parent/.", "/bad-parent/..", "/bad-parent/\u0001x", "/bad-parent/x\u007f"})
    void createWithInvalidPathIsBadArguments(String path) throws Exception {
        if (zk.exists("/bad-parent", false) == null) {
            Zk.createPersistent(zk, "/bad-parent");
        }
        assertEquals(Code.BADARGUMENTS.intValue(), rawCreate(path, 0), path);
    }

    @Test
    void createWhoseParentPartIsInvalidFailsOnTheMissingParentFirst() throws Exception {
        // "/a//b" has parent "/a/", which does not exist; the parent lookup comes before the full path check
        Zk.createPersistent(zk, "/dbl");
        assertEquals(Code.NONODE.intValue(), rawCreate("/dbl//b", 0));
        assertEquals(Code.NONODE.intValue(), rawCreate("/dbl/./x", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dbl2//b", "/dbl2/.", "/dbl2/", "nope"})
    void setDataWithInvalidPathIsBadArguments(String path) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            assertEquals(Code.BADARGUMENTS.intValue(),
                    raw.call(OpCode.setData, new SetDataRequest(path, new byte[0], -1)).err(), "setData " + path);
        }
    }

    @Test
    void deleteOfPathWithoutSlashIsBadArguments() throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            assertEquals(Code.BADARGUMENTS.intValue(), raw.call(OpCode.delete, new DeleteRequest("nope", -1)).err());
        }
    }

    @Test
    void sequentialCreateMayEndInSlashOnTheWire() throws Exception {
        Zk.createPersistent(zk, "/raw-seq");
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            RawClient.Reply reply = raw.call(OpCode.create,
                    new CreateRequest("/raw-seq/", new byte[0], OPEN, CreateMode.PERSISTENT_SEQUENTIAL.toFlag()));
            assertEquals(0, reply.err());
            assertEquals("/raw-seq/0000000000", reply.read(new org.apache.zookeeper.proto.CreateResponse()).getPath());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 8, -1, 100})
    void createWithUnknownFlagsIsBadArguments(int flags) throws Exception {
        assertEquals(Code.BADARGUMENTS.intValue(), rawCreate("/bad-flags-" + (flags & 0xff), flags));
        assertNull(zk.exists("/bad-flags-" + (flags & 0xff), false));
    }

    @Test
    void ttlFlagsWithPlainCreateAreBadArguments() throws Exception {
        assertEquals(Code.BADARGUMENTS.intValue(), rawCreate("/ttl-plain-op", CreateMode.PERSISTENT_WITH_TTL.toFlag()));
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            // createTTL with a non-TTL mode, and with ttl 0
            assertEquals(Code.BADARGUMENTS.intValue(), raw.call(OpCode.createTTL,
                    new CreateTTLRequest("/ttl-bad-1", new byte[0], OPEN, CreateMode.PERSISTENT.toFlag(), 1000)).err());
            assertEquals(Code.BADARGUMENTS.intValue(), raw.call(OpCode.createTTL,
                    new CreateTTLRequest("/ttl-bad-2", new byte[0], OPEN, CreateMode.PERSISTENT_WITH_TTL.toFlag(), 0)).err());
            RawClient.Reply ok = raw.call(OpCode.createTTL,
                    new CreateTTLRequest("/ttl-ok", new byte[0], OPEN, CreateMode.PERSISTENT_WITH_TTL.toFlag(), 3_600_000));
            assertEquals(0, ok.err());
        }
        assertNull(zk.exists("/ttl-plain-op", false));
        assertNotNull(zk.exists("/ttl-ok", false));
    }

    @Test
    void createWithBadAclIsInvalidAcl() throws Exception {
        assertCode(Code.INVALIDACL, () -> zk.create("/bad-acl-2", null,
                new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id("world", "someone")))), CreateMode.PERSISTENT));
        assertCode(Code.INVALIDACL, () -> zk.create("/bad-acl-3", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        assertCode(Code.INVALIDACL, () -> zk.create("/bad-acl-4", null,
                new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id("nosuchscheme", "x")))), CreateMode.PERSISTENT));
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            // an empty ACL list (the Java client refuses to send one)
            assertEquals(Code.INVALIDACL.intValue(),
                    raw.call(OpCode.create, new CreateRequest("/bad-acl-1", new byte[0], new ArrayList<>(), 0)).err());
        }
        assertNull(zk.exists("/bad-acl-1", false));
        assertNull(zk.exists("/bad-acl-2", false));
    }
}
