package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * The leader of a three-server ensemble dies ({@code kill -9}) under load: a new leader is elected among the other
 * two, every create that was acknowledged to the client is on both survivors, and the killed server, started
 * again, rejoins as a follower with all of it. A session held through a follower outlives the old leader.
 */
class EnsembleFailoverTest {

    private static final int CREATES = 300;
    private static final int WRITERS = 3;
    private static final Duration ELECTION = Duration.ofSeconds(60);

    private static byte[] dataOf(String name) {
        return ("data of " + name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyAcknowledgedCreateSurvivesTheLeadersKill9AndTheKilledServerCatchesUp() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleFailoverTest.class, "kill-under-load").start()) {
            int oldLeader = ensemble.awaitLeader(ELECTION);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            Map<String, String> failed = new ConcurrentHashMap<>();
            AtomicInteger attempted = new AtomicInteger();
            int ackedAtKill;

            try (CuratorFramework curator = CuratorFrameworkFactory.builder()
                    .connectString(ensemble.connectString())
                    .sessionTimeoutMs(10_000)
                    .connectionTimeoutMs(5_000)
                    .retryPolicy(new RetryUntilElapsed(30_000, 50))
                    .build()) {
                curator.start();
                assertTrue(curator.blockUntilConnected(20, TimeUnit.SECONDS), "Curator connects");
                curator.create().forPath("/fo");

                // WRITERS threads, each creating every WRITERS-th name, so that requests are in flight at the kill.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int first = w;
                    writers.add(pool.submit(() -> {
                        for (int i = first; i < CREATES && System.nanoTime() < deadline; i += WRITERS) {
                            String name = String.format("n-%03d", i);
                            attempted.incrementAndGet();
                            try {
                                curator.create().forPath("/fo/" + name, dataOf(name));
                                acked.add(name);
                            } catch (KeeperException.NodeExistsException e) {
                                // A retry after a ConnectionLoss whose first attempt had been committed: the server
                                // that answered has the node, so it counts as acknowledged.
                                acked.add(name);
                            } catch (Exception e) {
                                failed.put(name, e.toString());
                            }
                        }
                        return null;
                    }));
                }
                try {
                    await("a third of the creates acknowledged").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(1))
                            .until(() -> acked.size() >= CREATES / 3 || writers.stream().allMatch(Future::isDone));
                    ensemble.kill9(oldLeader);
                    ackedAtKill = acked.size();
                    System.out.println("EnsembleFailoverTest: leader " + oldLeader + " killed with " + ackedAtKill
                            + " of " + CREATES + " creates acknowledged");
                    for (Future<?> writer : writers) {
                        writer.get(90, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "writers finish");
                }
            }

            assertTrue(ackedAtKill < CREATES, "the kill landed after all " + CREATES + " creates; nothing was tested");
            assertEquals(Map.of(), failed, "creates that failed even with retries across the failover");
            assertEquals(CREATES, attempted.get(), "every create attempted within the time bound");
            assertEquals(CREATES, acked.size(), "every create acknowledged (with retries)");

            int newLeader = ensemble.awaitLeader(ELECTION);
            assertNotEquals(oldLeader, newLeader, ensemble::describe);
            List<Integer> survivors = ensemble.liveIds();
            assertEquals(2, survivors.size());

            Map<Integer, List<String>> childrenBy = new TreeMap<>();
            for (int survivor : survivors) {
                childrenBy.put(survivor, assertHasAll(ensemble, survivor, acked));
            }
            assertEquals(childrenBy.get(survivors.get(0)), childrenBy.get(survivors.get(1)),
                    "the survivors hold different children of /fo");

            ensemble.restart(oldLeader);
            assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(oldLeader, Ensemble.FOLLOWER, ELECTION),
                    "the killed leader rejoins as a follower");
            assertEquals(newLeader, ensemble.awaitLeader(ELECTION), "the leader stays the same when the old one rejoins");
            assertEquals(childrenBy.get(newLeader), assertHasAll(ensemble, oldLeader, acked),
                    "the rejoined server holds different children of /fo than the leader");
        }
    }

    /** Through a client of {@code id} alone, after sync: every acknowledged name with its data; returns the children. */
    private static List<String> assertHasAll(Ensemble ensemble, int id, Set<String> acked) throws Exception {
        ZooKeeper zk = Clients.only(ensemble, id);
        try {
            List<String> children = Clients.syncedChildren(zk, "/fo");
            Set<String> missing = new TreeSet<>(acked);
            missing.removeAll(children);
            assertEquals(Set.of(), missing, "acknowledged creates missing on server " + id + "\n" + ensemble.describe());
            for (String name : children) {
                assertTrue(name.matches("n-\\d{3}") && Integer.parseInt(name.substring(2)) < CREATES,
                        "a child nobody created on server " + id + ": " + name);
                assertArrayEquals(dataOf(name), zk.getData("/fo/" + name, false, null), "data of " + name + " on " + id);
            }
            return children;
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void anEphemeralHeldThroughAFollowerOutlivesTheLeader() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleFailoverTest.class, "ephemeral").start()) {
            int oldLeader = ensemble.awaitLeader(ELECTION);
            int follower = ensemble.idsInMode(Ensemble.FOLLOWER).get(0);

            EventRecorder events = new EventRecorder("session through follower " + follower);
            ZooKeeper owner = Zk.connect(ensemble.connectString(follower), 10_000, events);
            try {
                long sessionId = owner.getSessionId();
                int timeoutMs = owner.getSessionTimeout();
                owner.create("/held", "alive".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.EPHEMERAL);
                events.clear();

                ensemble.kill9(oldLeader);
                // The follower stops serving while it has no leader, and its clients reconnect afterwards.
                events.awaitState(KeeperState.Disconnected, Duration.ofSeconds(20));
                int newLeader = ensemble.awaitLeader(ELECTION);
                assertNotEquals(oldLeader, newLeader);
                events.await(e -> e.getState() == KeeperState.SyncConnected, Duration.ofSeconds(30),
                        "SyncConnected after the failover");
                assertEquals(sessionId, owner.getSessionId(), "the same session reconnected");

                // The new leader knows the session: a write through it works, and it lives on for longer than its
                // timeout (its pings reach the new leader).
                owner.create("/held-after", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                Duration hold = Duration.ofMillis(timeoutMs * 3L / 2);
                await("session " + Long.toHexString(sessionId) + " stays valid").during(hold)
                        .atMost(hold.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> events.count(e -> e.getState() == KeeperState.Expired) == 0);

                for (int survivor : ensemble.liveIds()) {
                    ZooKeeper reader = Clients.only(ensemble, survivor);
                    try {
                        reader.sync("/held");
                        for (String path : List.of("/held", "/held-after")) {
                            Stat stat = reader.exists(path, false);
                            assertNotNull(stat, path + " gone from server " + survivor + "\n" + ensemble.describe());
                            assertEquals(sessionId, stat.getEphemeralOwner(), path + " on server " + survivor);
                        }
                    } finally {
                        Zk.closeQuietly(reader);
                    }
                }
                assertEquals(0, events.count(e -> e.getState() == KeeperState.Expired), events::toString);
            } finally {
                Zk.closeQuietly(owner);
            }
        }
    }
}
