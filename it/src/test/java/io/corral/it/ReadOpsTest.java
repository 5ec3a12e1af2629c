package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** Read operations: getChildren(2), getData, exists, getEphemerals, getAllChildrenNumber, sync, whoAmI; chroot. */
class ReadOpsTest {

    private static ServerProcess server;
    private static ZooKeeper zk;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(ReadOpsTest.class).start();
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
    void getChildrenAndGetChildren2() throws Exception {
        Zk.createPersistent(zk, "/kids", bytes("parent"));
        for (String name : new String[] {"b", "a", "c"}) {
            Zk.createPersistent(zk, "/kids/" + name);
        }
        Zk.createPersistent(zk, "/kids/a/grandchild");

        assertEquals(Set.of("a", "b", "c"), new HashSet<>(zk.getChildren("/kids", false)), "names only, direct children only");
        Stat stat = new Stat();
        List<String> withStat = zk.getChildren("/kids", false, stat);
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(withStat));
        assertEquals(3, stat.getNumChildren());
        assertEquals(zk.exists("/kids", false), stat);
        assertTrue(zk.getChildren("/kids/b", false).isEmpty());
        assertCode(Code.NONODE, () -> zk.getChildren("/kids/none", false));
        assertCode(Code.NONODE, () -> zk.getChildren("/kids/none", false, new Stat()));

        Set<String> rootChildren = new HashSet<>(zk.getChildren("/", false));
        assertTrue(rootChildren.contains("zookeeper") && rootChildren.contains("kids"), rootChildren::toString);
    }

    @Test
    void getDataDistinguishesNullFromEmptyData() throws Exception {
        zk.create("/null-data", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/empty-data", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        assertNull(zk.getData("/null-data", false, stat));
        assertEquals(0, stat.getDataLength());
        byte[] empty = zk.getData("/empty-data", false, stat);
        assertNotNull(empty);
        assertEquals(0, empty.length);

        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        zk.create("/binary-data", binary, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(binary, zk.getData("/binary-data", false, stat));
        assertEquals(256, stat.getDataLength());
    }

    @Test
    void missingNodes() throws Exception {
        assertNull(zk.exists("/not-there", false));
        assertNull(zk.exists("/not-there/deeper", false));
        assertCode(Code.NONODE, () -> zk.getData("/not-there", false, null));
        assertCode(Code.NONODE, () -> zk.getACL("/not-there", new Stat()));
        assertCode(Code.NONODE, () -> zk.getAllChildrenNumber("/not-there"));
    }

    @Test
    void builtInNodesExist() throws Exception {
        assertNotNull(zk.exists("/zookeeper", false));
        assertNotNull(zk.exists("/zookeeper/quota", false));
        assertTrue(zk.getChildren("/zookeeper", false).contains("quota"));
        assertEquals(Ids.OPEN_ACL_UNSAFE, zk.getACL("/zookeeper", new Stat()));
    }

    @Test
    void getAclReturnsTheStoredListAndStat() throws Exception {
        Zk.createPersistent(zk, "/acl-read");
        Stat stat = new Stat();
        assertEquals(Ids.OPEN_ACL_UNSAFE, zk.getACL("/acl-read", stat));
        assertEquals(zk.exists("/acl-read", false), stat);
        zk.create("/acl-read-only", null, Ids.READ_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(Ids.READ_ACL_UNSAFE, zk.getACL("/acl-read-only", stat));
    }

    @Test
    void getEphemeralsListsOnlyTheCallersOwnWithThePrefix() throws Exception {
        Zk.createPersistent(zk, "/eph");
        Zk.createPersistent(zk, "/eph-other");
        ZooKeeper mine = Zk.connect(server.connectString());
        ZooKeeper theirs = Zk.connect(server.connectString());
        try {
            for (String p : new String[] {"/eph/a1", "/eph/a2", "/eph/b1", "/eph-other/x"}) {
                mine.create(p, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            }
            theirs.create("/eph/a3", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            mine.create("/eph/persistent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

            assertEquals(Set.of("/eph/a1", "/eph/a2"), new HashSet<>(mine.getEphemerals("/eph/a")));
            assertEquals(Set.of("/eph/a1", "/eph/a2", "/eph/b1", "/eph-other/x"), new HashSet<>(mine.getEphemerals()));
            assertEquals(Set.of("/eph/a1", "/eph/a2", "/eph/b1", "/eph-other/x"), new HashSet<>(mine.getEphemerals("/")));
            // the prefix is a string prefix, not a subtree
            assertEquals(Set.of("/eph/a1", "/eph/a2", "/eph/b1", "/eph-other/x"), new HashSet<>(mine.getEphemerals("/eph")));
            assertEquals(Set.of("/eph/a3"), new HashSet<>(theirs.getEphemerals("/eph")));
            assertTrue(theirs.getEphemerals("/eph/b").isEmpty());
            assertEquals(Set.of("/eph/a3"), new HashSet<>(theirs.getEphemerals()));
            mine.delete("/eph/a1", -1);
            assertEquals(Set.of("/eph/a2"), new HashSet<>(mine.getEphemerals("/eph/a")));
        } finally {
            Zk.closeQuietly(mine, theirs);
        }
    }

    @Test
    void getAllChildrenNumberCountsAllDescendants() throws Exception {
        Zk.createPersistent(zk, "/count");
        Zk.createPersistent(zk, "/count/a");
        Zk.createPersistent(zk, "/count/a/b");
        Zk.createPersistent(zk, "/count/a/b/c");
        Zk.createPersistent(zk, "/count/d");
        zk.create("/count/d/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertEquals(5, zk.getAllChildrenNumber("/count"));
        assertEquals(2, zk.getAllChildrenNumber("/count/a"));
        assertEquals(0, zk.getAllChildrenNumber("/count/a/b/c"));
        int all = zk.getAllChildrenNumber("/");
        assertTrue(all >= 8, "root counts every znode, /zookeeper subtree included: " + all);
    }

    @Test
    void syncCompletesWithThePath() throws Exception {
        Zk.createPersistent(zk, "/synced");
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<String> path = new AtomicReference<>();
        zk.sync("/synced", (code, p, ctx) -> {
            rc.set(code);
            path.set(p);
            done.countDown();
        }, null);
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(0, rc.get());
        assertEquals("/synced", path.get());
        zk.sync("/synced"); // the blocking variant
    }

    @Test
    void whoAmIReportsTheIpIdentity() throws Exception {
        List<ClientInfo> infos = zk.whoAmI();
        assertTrue(infos.stream().anyMatch(i -> "ip".equals(i.getAuthScheme()) && "127.0.0.1".equals(i.getUser())), infos::toString);
    }

    @Test
    void chrootedClientSeesPathsRelativeToItsRoot() throws Exception {
        Zk.createPersistent(zk, "/app");
        EventRecorder events = new EventRecorder("chroot");
        ZooKeeper chrooted = Zk.connect(server.connectString() + "/app", Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
        try {
            assertEquals("/x", chrooted.create("/x", bytes("1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            assertArrayEquals(bytes("1"), zk.getData("/app/x", false, null), "stored under the chroot");
            String seq = chrooted.create("/x/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
            assertEquals("/x/s-0000000000", seq);
            assertEquals(List.of("s-0000000000"), chrooted.getChildren("/x", false));
            assertEquals(Set.of("x"), new HashSet<>(chrooted.getChildren("/", false)));

            chrooted.getData("/x", true, null);
            zk.setData("/app/x", bytes("2"), -1);
            events.awaitEvent(EventType.NodeDataChanged, "/x");
            assertArrayEquals(bytes("2"), chrooted.getData("/x", false, null));
        } finally {
            Zk.closeQuietly(chrooted);
        }
    }
}
