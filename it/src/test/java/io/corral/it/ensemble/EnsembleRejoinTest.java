package io.corral.it.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.corral.it.support.Zk;

/**
 * A follower that was down while the others took writes catches up when it comes back: what it serves (read through
 * a client connected to it alone, after sync) is what the leader has, node by node, Stat by Stat; and it takes part
 * in later writes.
 */
class EnsembleRejoinTest {

    private static final Duration REJOIN = Duration.ofSeconds(60);

    private static Ensemble ensemble;

    @BeforeAll
    static void startEnsemble() throws Exception {
        // The reference leader catches a follower up with a DIFF from its last 500 commits (commitLogCount) or, with
        // this property negative, with a SNAP beyond them instead of a DIFF read from its transaction log files: so
        // the 200 writes go over as a DIFF and the 2000 as a snapshot. Corral ignores the property.
        ensemble = Ensemble.builder(EnsembleRejoinTest.class).jvmArg("-Dzookeeper.snapshotSizeFactor=-1").start();
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    /** Every member running and serving (a failed test may have left one down). */
    @BeforeEach
    void allServing() throws Exception {
        ensemble.start();
    }

    private static byte[] dataOf(String name, int version) {
        return (name + " v" + version).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStoppedFollowerCatchesUpOnTwoHundredWrites() throws Exception {
        int leader = ensemble.awaitLeader(REJOIN);
        int down = ensemble.idsInMode(Ensemble.FOLLOWER).get(0);
        try (Clients before = Clients.connect(ensemble, List.of(down))) {
            // Something the follower has before it goes down.
            Zk.createPersistent(before.get(down), "/rejoin");
        }
        ensemble.stop(down);

        ZooKeeper writer = Zk.connect(ensemble.connectString(), Clients.SESSION_TIMEOUT_MS);
        try {
            for (int i = 0; i < 200; i++) {
                String name = String.format("n-%03d", i);
                writer.create("/rejoin/" + name, dataOf(name, 0), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            // Besides creates: every 10th node changed twice, every 25th deleted.
            for (int i = 0; i < 200; i += 10) {
                String name = String.format("n-%03d", i);
                writer.setData("/rejoin/" + name, dataOf(name, 1), 0);
                writer.setData("/rejoin/" + name, dataOf(name, 2), 1);
            }
            for (int i = 3; i < 200; i += 25) {
                writer.delete(String.format("/rejoin/n-%03d", i), 0);
            }
        } finally {
            Zk.closeQuietly(writer);
        }

        ensemble.restart(down);
        assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(down, Ensemble.FOLLOWER, REJOIN));
        assertEquals(leader, ensemble.awaitLeader(REJOIN), "the leader stays when a follower rejoins");
        assertSameTree("/rejoin", leader, down, 200 - 8);
        assertTakesPartInNewWrites(leader, down, "/rejoin");
    }

    @Test
    void aKilledFollowerCatchesUpOnTwoThousandAsyncCreates() throws Exception {
        int leader = ensemble.awaitLeader(REJOIN);
        List<Integer> followers = ensemble.idsInMode(Ensemble.FOLLOWER);
        int down = followers.get(followers.size() - 1);
        ensemble.kill9(down);

        int count = 2000;
        ZooKeeper writer = Zk.connect(ensemble.connectString(), Clients.SESSION_TIMEOUT_MS);
        try {
            Zk.createPersistent(writer, "/many");
            Semaphore outstanding = new Semaphore(100);
            CountDownLatch done = new CountDownLatch(count);
            Map<String, Integer> errors = new ConcurrentHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = String.format("n-%04d", i);
                assertTrue(outstanding.tryAcquire(30, TimeUnit.SECONDS), "no reply to 100 outstanding creates in 30 s");
                writer.create("/many/" + name, dataOf(name, 0), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                        (rc, path, ctx, created) -> {
                            if (rc != KeeperException.Code.OK.intValue()) {
                                errors.put(path, rc);
                            }
                            outstanding.release();
                            done.countDown();
                        }, null);
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "replies to " + count + " creates within 60 s");
            assertEquals(Map.of(), errors, "creates answered with an error code");
        } finally {
            Zk.closeQuietly(writer);
        }

        ensemble.restart(down);
        assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(down, Ensemble.FOLLOWER, REJOIN));
        assertEquals(leader, ensemble.awaitLeader(REJOIN), "the leader stays when a follower rejoins");
        assertSameTree("/many", leader, down, count);
        assertTakesPartInNewWrites(leader, down, "/many");
    }

    /**
     * Through clients connected to {@code leader} and to {@code rejoined} alone, after sync: the same children of
     * {@code parent} ({@code expectedChildren} of them), each with the same data and Stat, and the parent's Stat.
     */
    private static void assertSameTree(String parent, int leader, int rejoined, int expectedChildren) throws Exception {
        try (Clients clients = Clients.connect(ensemble, List.of(leader, rejoined))) {
            List<String> onLeader = clients.syncedChildren(leader, parent);
            List<String> onRejoined = clients.syncedChildren(rejoined, parent);
            assertEquals(expectedChildren, onLeader.size(), "children of " + parent + " on the leader");
            if (!onLeader.equals(onRejoined)) {
                TreeSet<String> missing = new TreeSet<>(onLeader);
                missing.removeAll(onRejoined);
                TreeSet<String> extra = new TreeSet<>(onRejoined);
                extra.removeAll(onLeader);
                throw new AssertionError("server " + rejoined + " did not catch up on " + parent + ": " + missing.size()
                        + " missing " + head(missing) + ", " + extra.size() + " extra " + head(extra) + "\n"
                        + ensemble.describe());
            }
            ZooKeeper l = clients.get(leader);
            ZooKeeper r = clients.get(rejoined);
            Map<String, String> differences = new TreeMap<>();
            for (String name : onLeader) {
                String path = parent + "/" + name;
                Stat ls = new Stat();
                Stat rs = new Stat();
                byte[] ld = l.getData(path, false, ls);
                byte[] rd = r.getData(path, false, rs);
                if (!java.util.Arrays.equals(ld, rd) || !ls.equals(rs)) {
                    differences.put(path, "leader " + new String(ld, StandardCharsets.UTF_8) + " " + ls + " rejoined "
                            + new String(rd, StandardCharsets.UTF_8) + " " + rs);
                }
            }
            assertEquals(Map.of(), differences, "nodes that differ between leader " + leader + " and " + rejoined);
            Stat lp = new Stat();
            Stat rp = new Stat();
            l.getData(parent, false, lp);
            r.getData(parent, false, rp);
            assertEquals(lp, rp, "Stat of " + parent);
        }
    }

    private static String head(TreeSet<String> names) {
        List<String> first = new ArrayList<>();
        for (String n : names) {
            if (first.size() == 5) {
                first.add("...");
                break;
            }
            first.add(n);
        }
        return first.toString();
    }

    /** A write through the leader after the rejoin is read through the rejoined server, and the other way round. */
    private static void assertTakesPartInNewWrites(int leader, int rejoined, String parent) throws Exception {
        try (Clients clients = Clients.connect(ensemble, List.of(leader, rejoined))) {
            clients.get(leader).create(parent + "/after-leader", dataOf("after", 0), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
            assertArrayEquals(dataOf("after", 0), clients.syncedData(rejoined, parent + "/after-leader", null));
            clients.get(rejoined).create(parent + "/after-rejoined", dataOf("after", 1), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
            assertArrayEquals(dataOf("after", 1), clients.syncedData(leader, parent + "/after-rejoined", null));
            clients.get(rejoined).delete(parent + "/after-leader", 0);
            assertNull(clients.syncedExists(leader, parent + "/after-leader"));
        }
    }
}
