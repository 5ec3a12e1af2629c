package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.OpResult.CheckResult;
import org.apache.zookeeper.OpResult.CreateResult;
import org.apache.zookeeper.OpResult.DeleteResult;
import org.apache.zookeeper.OpResult.ErrorResult;
import org.apache.zookeeper.OpResult.GetChildrenResult;
import org.apache.zookeeper.OpResult.GetDataResult;
import org.apache.zookeeper.OpResult.SetDataResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** multi (atomic writes, all-or-nothing results) and multiRead (independent reads). */
class MultiTest {

    private static ServerProcess server;
    private static ZooKeeper zk;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(MultiTest.class).start();
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

    private static int err(OpResult r) {
        return ((ErrorResult) r).getErr();
    }

    @Test
    void successfulMultiReturnsOneResultPerOpAndAppliesAtomically() throws Exception {
        Zk.createPersistent(zk, "/m1");
        Zk.createPersistent(zk, "/m1/doomed");
        long before = zk.exists("/m1", false).getPzxid();

        List<OpResult> results = zk.multi(List.of(
                Op.create("/m1/a", bytes("a0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/m1/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData("/m1/a", bytes("a1"), 0),
                Op.check("/m1/a", 1),
                Op.delete("/m1/doomed", -1),
                Op.create("/m1/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)));

        assertEquals(6, results.size());
        assertEquals("/m1/a", assertInstanceOf(CreateResult.class, results.get(0)).getPath());
        assertEquals("/m1/s-0000000002", assertInstanceOf(CreateResult.class, results.get(1)).getPath(),
                "the sequence counter counts the earlier creates");
        Stat setStat = assertInstanceOf(SetDataResult.class, results.get(2)).getStat();
        assertEquals(1, setStat.getVersion());
        assertInstanceOf(CheckResult.class, results.get(3));
        assertInstanceOf(DeleteResult.class, results.get(4));
        assertEquals("/m1/e", assertInstanceOf(CreateResult.class, results.get(5)).getPath());

        Stat a = new Stat();
        assertArrayEquals(bytes("a1"), zk.getData("/m1/a", false, a));
        assertEquals(1, a.getVersion());
        assertEquals(a.getCzxid(), a.getMzxid(), "every op of one multi shares the transaction's zxid");
        assertEquals(setStat, a);
        assertNull(zk.exists("/m1/doomed", false));
        assertEquals(zk.getSessionId(), zk.exists("/m1/e", false).getEphemeralOwner());
        Stat parent = zk.exists("/m1", false);
        assertEquals(a.getCzxid(), parent.getPzxid());
        assertTrue(parent.getPzxid() > before);
    }

    @Test
    void failingOpRollsBackEverythingAndEveryOpGetsAResult() throws Exception {
        Zk.createPersistent(zk, "/m2");
        Zk.createPersistent(zk, "/m2/existing", bytes("v0"));
        long cversionBefore = zk.exists("/m2", false).getCversion();

        KeeperException e = assertThrows(KeeperException.class, () -> zk.multi(List.of(
                Op.create("/m2/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/m2/existing", bytes("v1"), -1),
                Op.setData("/m2/missing", bytes("zzz"), -1),
                Op.create("/m2/y", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete("/m2/existing", -1))));
        assertEquals(Code.NONODE, e.code());
        List<OpResult> results = e.getResults();
        assertNotNull(results, "the client exposes the per-op results");
        assertEquals(5, results.size());
        for (OpResult r : results) {
            assertInstanceOf(ErrorResult.class, r);
        }
        assertEquals(Code.OK.intValue(), err(results.get(0)));
        assertEquals(Code.OK.intValue(), err(results.get(1)));
        assertEquals(Code.NONODE.intValue(), err(results.get(2)));
        assertEquals(Code.RUNTIMEINCONSISTENCY.intValue(), err(results.get(3)));
        assertEquals(Code.RUNTIMEINCONSISTENCY.intValue(), err(results.get(4)));

        assertNull(zk.exists("/m2/x", false), "the earlier create was rolled back");
        assertNull(zk.exists("/m2/y", false));
        Stat existing = new Stat();
        assertArrayEquals(bytes("v0"), zk.getData("/m2/existing", false, existing));
        assertEquals(0, existing.getVersion());
        assertEquals(cversionBefore, zk.exists("/m2", false).getCversion());
        assertEquals("/m2/s-0000000001", zk.create("/m2/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                "the rolled-back creates did not advance the sequence counter");
    }

    @Test
    void failureCodesOfTheFirstFailingOp() throws Exception {
        Zk.createPersistent(zk, "/m3");
        Zk.createPersistent(zk, "/m3/full");
        Zk.createPersistent(zk, "/m3/full/kid");

        KeeperException exists = assertThrows(KeeperException.class, () -> zk.multi(List.of(
                Op.create("/m3/full", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/m3/other", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        assertEquals(Code.NODEEXISTS, exists.code());
        assertEquals(Code.NODEEXISTS.intValue(), err(exists.getResults().get(0)));
        assertEquals(Code.RUNTIMEINCONSISTENCY.intValue(), err(exists.getResults().get(1)));

        KeeperException notEmpty = assertThrows(KeeperException.class,
                () -> zk.multi(List.of(Op.delete("/m3/full", -1))));
        assertEquals(Code.NOTEMPTY, notEmpty.code());

        // deleting the child first in the same multi makes the parent deletable
        List<OpResult> ok = zk.multi(List.of(Op.delete("/m3/full/kid", -1), Op.delete("/m3/full", -1)));
        assertEquals(2, ok.size());
        assertNull(zk.exists("/m3/full", false));

        // an op sees the effects of the earlier ops of the same multi
        List<OpResult> chained = zk.multi(List.of(
                Op.create("/m3/chain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/m3/chain/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/m3/chain", bytes("x"), 0),
                Op.setData("/m3/chain", bytes("y"), 1),
                Op.check("/m3/chain", 2)));
        assertEquals(5, chained.size());
        assertEquals(2, zk.exists("/m3/chain", false).getVersion());
    }

    @Test
    void checkOpInsideMulti() throws Exception {
        Zk.createPersistent(zk, "/m4");
        zk.setData("/m4", bytes("1"), -1);

        List<OpResult> ok = zk.multi(List.of(Op.check("/m4", 1), Op.setData("/m4", bytes("2"), 1)));
        assertInstanceOf(CheckResult.class, ok.get(0));
        assertEquals(2, ((SetDataResult) ok.get(1)).getStat().getVersion());

        KeeperException badVersion = assertThrows(KeeperException.class,
                () -> zk.multi(List.of(Op.check("/m4", 1), Op.setData("/m4", bytes("3"), -1))));
        assertEquals(Code.BADVERSION, badVersion.code());
        assertEquals(Code.BADVERSION.intValue(), err(badVersion.getResults().get(0)));
        assertEquals(Code.RUNTIMEINCONSISTENCY.intValue(), err(badVersion.getResults().get(1)));
        assertArrayEquals(bytes("2"), zk.getData("/m4", false, null));

        KeeperException noNode = assertThrows(KeeperException.class,
                () -> zk.multi(List.of(Op.setData("/m4", bytes("4"), -1), Op.check("/m4-missing", -1))));
        assertEquals(Code.NONODE, noNode.code());
        assertEquals(Code.OK.intValue(), err(noNode.getResults().get(0)));
        assertEquals(Code.NONODE.intValue(), err(noNode.getResults().get(1)));
        assertArrayEquals(bytes("2"), zk.getData("/m4", false, null));

        assertEquals(1, zk.multi(List.of(Op.check("/m4", -1))).size(), "-1 matches any version");
    }

    @Test
    void emptyMultiSucceedsWithNoResults() throws Exception {
        assertTrue(zk.multi(List.of()).isEmpty());
    }

    @Test
    void transactionApiCommitsAtomically() throws Exception {
        List<OpResult> results = zk.transaction()
                .create("/m5", bytes("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .create("/m5/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .check("/m5", 0)
                .commit();
        assertEquals(3, results.size());
        assertEquals(1, zk.exists("/m5", false).getNumChildren());
    }

    @Test
    void multiReadReturnsAResultOrAnErrorPerRead() throws Exception {
        Zk.createPersistent(zk, "/mr", bytes("root"));
        Zk.createPersistent(zk, "/mr/a", bytes("A"));
        Zk.createPersistent(zk, "/mr/b");

        List<OpResult> results = zk.multi(List.of(
                Op.getData("/mr/a"),
                Op.getChildren("/mr"),
                Op.getData("/mr/missing"),
                Op.getChildren("/mr/missing"),
                Op.getData("/mr")));
        assertEquals(5, results.size());

        GetDataResult a = assertInstanceOf(GetDataResult.class, results.get(0));
        assertArrayEquals(bytes("A"), a.getData());
        assertEquals(zk.exists("/mr/a", false), a.getStat());
        GetChildrenResult kids = assertInstanceOf(GetChildrenResult.class, results.get(1));
        assertEquals(List.of("a", "b"), kids.getChildren().stream().sorted().toList());
        assertEquals(Code.NONODE.intValue(), err(results.get(2)), "only the failing read gets an error");
        assertEquals(Code.NONODE.intValue(), err(results.get(3)));
        GetDataResult root = assertInstanceOf(GetDataResult.class, results.get(4));
        assertArrayEquals(bytes("root"), root.getData());
    }
}
