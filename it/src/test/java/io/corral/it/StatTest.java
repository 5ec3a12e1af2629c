package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** Every Stat field after creates, setData, child creates and deletes, and setACL; versioned operations. */
class StatTest {

    private static ServerProcess server;
    private static ZooKeeper zk;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(StatTest.class).start();
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

    private static Stat create(String path, byte[] data) throws Exception {
        Stat stat = new Stat();
        zk.create(path, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
        return stat;
    }

    @Test
    void statOfANewNode() throws Exception {
        long before = System.currentTimeMillis();
        Stat stat = create("/stat-new", bytes("abc"));
        long after = System.currentTimeMillis();

        assertTrue(stat.getCzxid() > 0);
        assertEquals(stat.getCzxid(), stat.getMzxid());
        assertEquals(stat.getCzxid(), stat.getPzxid());
        assertEquals(stat.getCtime(), stat.getMtime());
        assertTrue(stat.getCtime() >= before - 5_000 && stat.getCtime() <= after + 5_000,
                () -> "ctime " + stat.getCtime() + " should be wall-clock ms near " + before);
        assertEquals(0, stat.getVersion());
        assertEquals(0, stat.getCversion());
        assertEquals(0, stat.getAversion());
        assertEquals(0L, stat.getEphemeralOwner());
        assertEquals(3, stat.getDataLength());
        assertEquals(0, stat.getNumChildren());

        Stat fromGet = new Stat();
        assertArrayEquals(bytes("abc"), zk.getData("/stat-new", false, fromGet));
        assertEquals(stat, fromGet);
        assertEquals(stat, zk.exists("/stat-new", false));
    }

    @Test
    void zxidsIncreaseWithEveryWriteAcrossSessions() throws Exception {
        Stat a = create("/zx-a", null);
        ZooKeeper other = Zk.connect(server.connectString());
        try {
            Stat b = new Stat();
            other.create("/zx-b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, b);
            Stat c = create("/zx-c", null);
            assertTrue(a.getCzxid() < b.getCzxid(), "zxid grows");
            assertTrue(b.getCzxid() < c.getCzxid(), "zxid grows");
        } finally {
            Zk.closeQuietly(other);
        }
    }

    @Test
    void setDataChangesMzxidMtimeVersionAndLengthOnly() throws Exception {
        Stat created = create("/stat-set", bytes("1"));
        Stat first = zk.setData("/stat-set", bytes("22"), -1);
        assertEquals(created.getCzxid(), first.getCzxid());
        assertTrue(first.getMzxid() > created.getMzxid());
        assertEquals(created.getPzxid(), first.getPzxid(), "pzxid only follows child changes");
        assertEquals(created.getCtime(), first.getCtime());
        assertTrue(first.getMtime() >= created.getMtime());
        assertEquals(1, first.getVersion());
        assertEquals(0, first.getCversion());
        assertEquals(0, first.getAversion());
        assertEquals(2, first.getDataLength());

        Stat second = zk.setData("/stat-set", null, -1);
        assertEquals(2, second.getVersion());
        assertTrue(second.getMzxid() > first.getMzxid());
        assertEquals(0, second.getDataLength(), "null data has length 0");
        assertEquals(second, zk.exists("/stat-set", false));
        assertNull(zk.getData("/stat-set", false, null));

        Stat same = zk.setData("/stat-set", null, 2);
        assertEquals(3, same.getVersion(), "setting identical data is still a new version");
    }

    @Test
    void childCreatesAndDeletesBothCountInCversionAndMovePzxid() throws Exception {
        Stat parent = create("/stat-parent", bytes("p"));

        Stat c1 = create("/stat-parent/c1", null);
        Stat afterC1 = zk.exists("/stat-parent", false);
        assertEquals(1, afterC1.getCversion());
        assertEquals(1, afterC1.getNumChildren());
        assertEquals(c1.getCzxid(), afterC1.getPzxid());
        assertEquals(parent.getMzxid(), afterC1.getMzxid(), "child changes do not touch mzxid");
        assertEquals(parent.getMtime(), afterC1.getMtime());
        assertEquals(0, afterC1.getVersion());

        Stat c2 = new Stat();
        zk.create("/stat-parent/c2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, c2);
        Stat afterC2 = zk.exists("/stat-parent", false);
        assertEquals(2, afterC2.getCversion());
        assertEquals(2, afterC2.getNumChildren());
        assertEquals(c2.getCzxid(), afterC2.getPzxid());

        zk.delete("/stat-parent/c1", -1);
        Stat afterDelete = zk.exists("/stat-parent", false);
        assertEquals(3, afterDelete.getCversion(), "a delete counts in cversion too");
        assertEquals(1, afterDelete.getNumChildren());
        assertTrue(afterDelete.getPzxid() > c2.getCzxid(), "pzxid moves to the delete's zxid");
        assertEquals(parent.getMzxid(), afterDelete.getMzxid());

        zk.setData("/stat-parent/c2", bytes("x"), -1);
        Stat afterChildSet = zk.exists("/stat-parent", false);
        assertEquals(afterDelete.getCversion(), afterChildSet.getCversion(), "a child's setData is not a child change");
        assertEquals(afterDelete.getPzxid(), afterChildSet.getPzxid());

        zk.delete("/stat-parent/c2", -1);
        Stat empty = new Stat();
        List<String> children = zk.getChildren("/stat-parent", false, empty);
        assertTrue(children.isEmpty());
        assertEquals(4, empty.getCversion());
        assertEquals(0, empty.getNumChildren());
    }

    @Test
    void setAclChangesAversionOnly() throws Exception {
        Stat created = create("/stat-acl", bytes("a"));
        List<ACL> acl = new ArrayList<>(List.of(new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE)));
        Stat first = zk.setACL("/stat-acl", acl, -1);
        assertEquals(1, first.getAversion());
        assertEquals(created.getMzxid(), first.getMzxid(), "setACL does not touch mzxid");
        assertEquals(created.getMtime(), first.getMtime());
        assertEquals(0, first.getVersion());
        assertEquals(0, first.getCversion());
        assertEquals(created.getPzxid(), first.getPzxid());

        Stat second = zk.setACL("/stat-acl", acl, 1);
        assertEquals(2, second.getAversion());
        assertCode(Code.BADVERSION, () -> zk.setACL("/stat-acl", acl, 1));
        assertCode(Code.BADVERSION, () -> zk.setACL("/stat-acl", acl, 0));

        Stat aclStat = new Stat();
        assertEquals(acl, zk.getACL("/stat-acl", aclStat));
        assertEquals(2, aclStat.getAversion());
        assertCode(Code.NONODE, () -> zk.setACL("/stat-acl-missing", acl, -1));
    }

    @Test
    void versionedSetDataAndDelete() throws Exception {
        create("/stat-ver", bytes("0"));
        assertEquals(1, zk.setData("/stat-ver", bytes("1"), 0).getVersion());
        assertCode(Code.BADVERSION, () -> zk.setData("/stat-ver", bytes("x"), 0));
        assertCode(Code.BADVERSION, () -> zk.setData("/stat-ver", bytes("x"), 2));
        assertArrayEquals(bytes("1"), zk.getData("/stat-ver", false, null), "a rejected setData changes nothing");
        assertEquals(2, zk.setData("/stat-ver", bytes("2"), 1).getVersion());
        assertEquals(3, zk.setData("/stat-ver", bytes("3"), -1).getVersion(), "-1 matches any version");

        assertCode(Code.BADVERSION, () -> zk.delete("/stat-ver", 2));
        assertCode(Code.BADVERSION, () -> zk.delete("/stat-ver", 4));
        zk.delete("/stat-ver", 3);
        assertNull(zk.exists("/stat-ver", false));

        assertCode(Code.NONODE, () -> zk.setData("/stat-ver", bytes("x"), -1));
        assertCode(Code.NONODE, () -> zk.delete("/stat-ver", 3));

        create("/stat-ver2", null);
        zk.delete("/stat-ver2", -1);
        assertNull(zk.exists("/stat-ver2", false));
    }

    @Test
    void ephemeralOwnerIsTheCreatingSession() throws Exception {
        Stat stat = new Stat();
        zk.create("/stat-eph", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat);
        assertEquals(zk.getSessionId(), stat.getEphemeralOwner());
        assertTrue(zk.getSessionId() != 0);
        ZooKeeper other = Zk.connect(server.connectString());
        try {
            Stat seen = other.exists("/stat-eph", false);
            assertEquals(zk.getSessionId(), seen.getEphemeralOwner());
            Stat own = new Stat();
            other.create("/stat-eph-other", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, own);
            assertEquals(other.getSessionId(), own.getEphemeralOwner());
            assertTrue(other.getSessionId() != zk.getSessionId());
        } finally {
            Zk.closeQuietly(other);
        }
    }

    @Test
    void builtInNodesHaveZeroStats() throws Exception {
        for (String path : new String[] {"/zookeeper", "/zookeeper/quota"}) {
            Stat stat = zk.exists(path, false);
            assertEquals(0L, stat.getCzxid(), path);
            assertEquals(0L, stat.getMzxid(), path);
            assertEquals(0L, stat.getCtime(), path);
            assertEquals(0, stat.getVersion(), path);
            assertEquals(0L, stat.getEphemeralOwner(), path);
        }
    }
}
