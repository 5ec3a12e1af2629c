package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.corral.it.support.Target;
import io.corral.it.support.TxnLogFile;
import io.corral.it.support.Zk;

/**
 * How a server that comes back is brought in line with the leader, besides the DIFF of {@link EnsembleRejoinTest}:
 * SNAP for a follower further behind than the leader keeps proposals for, and TRUNC for an old leader whose log holds
 * a proposal that was never committed.
 */
class EnsembleSyncModesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int COMMIT_LOG_COUNT = 50;
    private static final int SNAP_WRITES = 500;

    /** Corral's learner after loading a SNAP, and the reference's. */
    private static final String CORRAL_SNAP = "Loaded the leader's snapshot at 0x";
    private static final String ZOOKEEPER_SNAP = "Getting a snapshot from leader 0x";
    /** Corral's learner after a TRUNC, and the reference's. */
    private static final String CORRAL_TRUNC = "Rebuilt the state after the leader truncated the log to 0x";
    private static final String ZOOKEEPER_TRUNC = "Truncating log to get in sync with the leader 0x";

    private static byte[] dataOf(String name) {
        return ("data of " + name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFollowerFurtherBehindThanTheCommitLogRejoinsWithASnapshot() throws Exception {
        // Corral reads commitLogCount from zoo.cfg; the reference takes it as -Dzookeeper.commitLogCount and, with
        // snapshotSizeFactor negative, does not serve a longer DIFF from its transaction log files either.
        try (Ensemble ensemble = Ensemble.builder(EnsembleSyncModesTest.class, "snap")
                .set("commitLogCount", Integer.toString(COMMIT_LOG_COUNT))
                .jvmArg("-Dzookeeper.commitLogCount=" + COMMIT_LOG_COUNT)
                .jvmArg("-Dzookeeper.snapshotSizeFactor=-1")
                .start()) {
            int leader = ensemble.awaitLeader(WAIT);
            int down = ensemble.idsInMode(Ensemble.FOLLOWER).get(0);
            try (Clients before = Clients.connect(ensemble, List.of(down))) {
                Zk.createPersistent(before.get(down), "/snap");
            }
            ensemble.stop(down);

            ZooKeeper writer = Clients.only(ensemble, leader);
            try {
                // Fewer in flight than commitLogCount: what this test is about is the rejoin, not the window (that
                // is aLeaderWithMoreProposalsInFlightThanCommitLogCountCommitsThemAll).
                createAsync(writer, "/snap", SNAP_WRITES, 10);
            } finally {
                Zk.closeQuietly(writer);
            }

            ensemble.restart(down);
            assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(down, Ensemble.FOLLOWER, WAIT));
            assertEquals(leader, ensemble.awaitLeader(WAIT), "the leader stays when a follower rejoins");
            String snapLine = Target.current() == Target.CORRAL ? CORRAL_SNAP : ZOOKEEPER_SNAP;
            assertLogs(ensemble, down, snapLine, SNAP_WRITES + " writes behind with commitLogCount="
                    + COMMIT_LOG_COUNT + ": the rejoin goes by snapshot");

            try (Clients clients = Clients.connect(ensemble, List.of(leader, down))) {
                List<String> onLeader = clients.syncedChildren(leader, "/snap");
                assertEquals(SNAP_WRITES, onLeader.size(), "children of /snap on the leader");
                assertEquals(onLeader, clients.syncedChildren(down, "/snap"),
                        "children of /snap on the rejoined server " + down);
                Map<String, String> differences = new TreeMap<>();
                for (String name : onLeader) {
                    Stat ls = new Stat();
                    Stat rs = new Stat();
                    byte[] rd = clients.get(down).getData("/snap/" + name, false, rs);
                    clients.get(leader).getData("/snap/" + name, false, ls);
                    if (!java.util.Arrays.equals(dataOf(name), rd) || !ls.equals(rs)) {
                        differences.put(name, new String(rd, StandardCharsets.UTF_8) + " " + rs + " leader " + ls);
                    }
                }
                assertEquals(Map.of(), differences, "nodes that differ on the rejoined server " + down);
                // It takes part in writes afterwards.
                clients.get(down).create("/snap/after", dataOf("after"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertArrayEquals(dataOf("after"), clients.syncedData(leader, "/snap/after", null));
            }
        }
    }

    /**
     * More proposals in flight than commitLogCount (100 async creates outstanding, commitLogCount 50): the leader keeps
     * a proposal it has not committed yet whatever the size of its DIFF window, and commits them all; every server
     * has every node.
     */
    @Test
    void aLeaderWithMoreProposalsInFlightThanCommitLogCountCommitsThemAll() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleSyncModesTest.class, "in-flight")
                .set("commitLogCount", Integer.toString(COMMIT_LOG_COUNT))
                .jvmArg("-Dzookeeper.commitLogCount=" + COMMIT_LOG_COUNT)
                .jvmArg("-Dzookeeper.snapshotSizeFactor=-1")
                .start()) {
            int leader = ensemble.awaitLeader(WAIT);
            ZooKeeper writer = Clients.only(ensemble, leader);
            try {
                Zk.createPersistent(writer, "/flight");
                createAsync(writer, "/flight", SNAP_WRITES, 2 * COMMIT_LOG_COUNT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + ensemble.describe(), e);
            } finally {
                Zk.closeQuietly(writer);
            }
            try (Clients clients = Clients.connect(ensemble, ensemble.ids())) {
                for (int id : ensemble.ids()) {
                    assertEquals(SNAP_WRITES, clients.syncedChildren(id, "/flight").size(), "children on server " + id);
                }
            }
            assertEquals(leader, ensemble.awaitLeader(WAIT), "the leader stays");
        }
    }

    /**
     * The leader logs a proposal that no follower sees: both followers are frozen with SIGSTOP and every link to
     * and from the leader is frozen in its proxy (a stopped process's kernel still takes bytes into its socket
     * buffer, so SIGSTOP alone would hand the proposal to the followers when they resume, and a follower that
     * logged it would rightly carry it into the next epoch). The leader is killed, the links dropped with the
     * proposal still in the proxies, the followers resumed: they elect a leader and take more writes. The old
     * leader then rejoins: the never-committed node is on no server, every committed write is on every server.
     */
    @Test
    void anOldLeadersUncommittedProposalIsDiscardedWhenItRejoins() throws Exception {
        // syncLimit 25 ticks (5 s): the frozen leader keeps leading until it is killed.
        Ensemble ensemble = Ensemble.builder(EnsembleSyncModesTest.class, "trunc").syncLimit(25).build();
        try (ensemble; LinkProxies proxies = LinkProxies.between(ensemble, ensemble.ids())) {
            ensemble.start();
            int oldLeader = ensemble.awaitLeader(WAIT);
            List<Integer> followers = ensemble.idsInMode(Ensemble.FOLLOWER);
            assertEquals(2, followers.size(), ensemble::describe);

            List<String> committed = new ArrayList<>();
            long lastCommittedZxid;
            try (Clients clients = Clients.connect(ensemble, ensemble.ids())) {
                Zk.createPersistent(clients.get(oldLeader), "/trunc");
                for (int i = 0; i < 12; i++) {
                    String name = "before-" + i;
                    clients.get(ensemble.ids().get(i % 3)).create("/trunc/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                    committed.add(name);
                }
                for (int id : ensemble.ids()) {
                    assertEquals(sorted(committed), clients.syncedChildren(id, "/trunc"), "before, server " + id);
                }
            }

            // A session on the old leader alone, established (a committed createSession) before the freeze; its last
            // write is the last committed transaction of this epoch.
            ZooKeeper doomed = Clients.only(ensemble, oldLeader);
            CompletableFuture<Integer> uncommittedRc = new CompletableFuture<>();
            try {
                doomed.create("/trunc/last-committed", dataOf("last-committed"), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                committed.add("last-committed");
                lastCommittedZxid = doomed.exists("/trunc/last-committed", false).getCzxid();

                List<Long> frozen = new ArrayList<>();
                try {
                    for (int f : followers) {
                        signal("STOP", ensemble.pid(f));
                        frozen.add(ensemble.pid(f));
                    }
                    proxies.freeze(oldLeader);

                    doomed.create("/trunc/uncommitted", dataOf("uncommitted"), Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT, (rc, path, ctx, name) -> uncommittedRc.complete(rc), null);
                    TxnLogFile.Entry logged = awaitLogged(ensemble, oldLeader, "/trunc/uncommitted");
                    assertEquals(lastCommittedZxid + 1, logged.zxid(),
                            "zxid of the leader's uncommitted proposal " + logged + " after 0x"
                                    + Long.toHexString(lastCommittedZxid));
                    assertTrue(!uncommittedRc.isDone(), "the create was answered without a quorum: rc "
                            + uncommittedRc.getNow(null));

                    ensemble.kill9(oldLeader);
                    proxies.dropFrozen(oldLeader);
                } finally {
                    for (long pid : frozen) {
                        signal("CONT", pid);
                    }
                }
            } finally {
                Zk.closeQuietly(doomed);
            }
            Integer rc = uncommittedRc.getNow(null);
            assertTrue(rc == null || rc != KeeperException.Code.OK.intValue(),
                    "the uncommitted create was acknowledged: " + rc);

            int newLeader = ensemble.awaitLeader(WAIT);
            assertNotEquals(oldLeader, newLeader, ensemble::describe);
            try (Clients survivors = Clients.connect(ensemble, followers)) {
                for (int i = 0; i < 20; i++) {
                    String name = "after-" + i;
                    survivors.get(followers.get(i % 2)).create("/trunc/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                    committed.add(name);
                }
            }

            ensemble.restart(oldLeader);
            assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(oldLeader, Ensemble.FOLLOWER, WAIT));
            assertEquals(newLeader, ensemble.awaitLeader(WAIT), "the leader stays when the old one rejoins");
            if (Target.current() == Target.CORRAL) {
                assertLogs(ensemble, oldLeader, CORRAL_TRUNC + Long.toHexString(lastCommittedZxid),
                        "the old leader truncates its log to the last committed zxid");
            } else {
                // The reference does not TRUNC across an epoch boundary: with writes of the new epoch after the
                // old leader's last committed zxid it says "Cannot send TRUNC to peer ... from different epoch" and
                // sends a SNAP. Either way the uncommitted entry is gone.
                String text = awaitLog(ensemble, oldLeader, t -> t.contains(ZOOKEEPER_TRUNC) || t.contains(ZOOKEEPER_SNAP));
                assertTrue(text.contains(ZOOKEEPER_TRUNC) || text.contains(ZOOKEEPER_SNAP), text);
            }

            try (Clients all = Clients.connect(ensemble, ensemble.ids())) {
                for (int id : ensemble.ids()) {
                    assertNull(all.syncedExists(id, "/trunc/uncommitted"),
                            "the never-committed node is on server " + id + "\n" + ensemble.describe());
                    assertEquals(sorted(committed), all.syncedChildren(id, "/trunc"), "children of /trunc on " + id);
                    for (String name : committed) {
                        assertArrayEquals(dataOf(name), all.get(id).getData("/trunc/" + name, false, null),
                                name + " on " + id);
                    }
                }
                // The rejoined server takes part in new writes.
                all.get(oldLeader).create("/trunc/through-old-leader", new byte[0], Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                for (int f : followers) {
                    assertNotNull(all.syncedExists(f, "/trunc/through-old-leader"));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code count} async creates {@code <parent>/n-<i>} with at most {@code inFlight} outstanding; all must succeed. */
    private static void createAsync(ZooKeeper zk, String parent, int count, int inFlight) throws Exception {
        Semaphore outstanding = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(count);
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("n-%04d", i);
            assertTrue(outstanding.tryAcquire(30, TimeUnit.SECONDS), "no reply to " + inFlight
                    + " outstanding creates in 30 s");
            zk.create(parent + "/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (rc, path, ctx, created) -> {
                        if (rc != KeeperException.Code.OK.intValue()) {
                            errors.put(path, rc);
                        }
                        outstanding.release();
                        done.countDown();
                    }, null);
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "replies to " + count + " creates within 60 s");
        if (!errors.isEmpty()) {
            Map<String, String> first = new TreeMap<>();
            new TreeMap<>(errors).entrySet().stream().limit(5)
                    .forEach(e -> first.put(e.getKey(), KeeperException.Code.get(e.getValue()).toString()));
            throw new AssertionError(errors.size() + " of " + count + " creates answered with an error code, the first "
                    + first);
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> s = new ArrayList<>(names);
        s.sort(null);
        return s;
    }

    /** Waits (bounded) until the log of {@code id} since its latest start contains {@code line}. */
    private static void assertLogs(Ensemble ensemble, int id, String line, String why) {
        awaitLog(ensemble, id, t -> t.contains(line));
        assertTrue(ensemble.logTextSinceLastStart(id).contains(line), why);
    }

    private static String awaitLog(Ensemble ensemble, int id, java.util.function.Predicate<String> p) {
        try {
            await("log of server " + id).atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> p.test(ensemble.logTextSinceLastStart(id)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server " + id + " did not log the expected line; its log since the last start ("
                    + ensemble.logFile(id) + "):\n" + tail(ensemble.logTextSinceLastStart(id), 60), e);
        }
        return ensemble.logTextSinceLastStart(id);
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            s.append(all[i]).append('\n');
        }
        return s.toString();
    }

    /** Waits (bounded) until a transaction log of server {@code id} holds an entry for {@code path}. */
    private static TxnLogFile.Entry awaitLogged(Ensemble ensemble, int id, String path) {
        Path dir = ensemble.dataDir(id).resolve("version-2");
        TxnLogFile.Entry[] found = new TxnLogFile.Entry[1];
        try {
            await("server " + id + " logs its proposal for " + path).atMost(Duration.ofSeconds(20))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                        for (Path log : TxnLogFile.logs(dir)) {
                            for (TxnLogFile.Entry e : TxnLogFile.entries(log)) {
                                if (path.equals(e.path())) {
                                    found[0] = e;
                                    return true;
                                }
                            }
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no entry for " + path + " in the transaction logs of server " + id + " ("
                    + dir + ")\n" + ensemble.describe(), e);
        }
        return found[0];
    }

    private static void signal(String sig, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + sig + " " + pid + " did not finish");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -" + sig + " " + pid + " exited " + kill.exitValue() + ": "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
