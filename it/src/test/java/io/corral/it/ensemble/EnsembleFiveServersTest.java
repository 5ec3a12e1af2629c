package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import io.corral.it.support.Zk;

/**
 * Five voters: a write through any server is read through every server; then the leader is killed ({@code kill -9}),
 * a new leader is elected among four, and that one is killed too: the remaining three (still a majority of five)
 * elect a leader and serve, and every write acknowledged to a client writing all along is on each of them.
 */
class EnsembleFiveServersTest {

    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final int MAX_LOAD = 3000;
    /** Creates acknowledged before the first kill, between the kills and after the second. */
    private static final int ACKS_PER_PHASE = 40;

    private static byte[] dataOf(String name) {
        return ("data of " + name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesEverywhereAndThreeSurvivorsOfTwoLeaderKillsKeepEveryAcknowledgedWrite() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleFiveServersTest.class).voters(5).start()) {
            int firstLeader = ensemble.awaitLeader(ELECTION);
            assertEquals(4, ensemble.idsInMode(Ensemble.FOLLOWER).size(), ensemble::describe);

            // Through every server, read on every server.
            List<String> via = new ArrayList<>();
            try (Clients clients = Clients.connect(ensemble, ensemble.ids())) {
                Zk.createPersistent(clients.get(firstLeader), "/five");
                Zk.createPersistent(clients.get(firstLeader), "/five/load");
                for (int i = 0; i < 4; i++) {
                    for (int id : ensemble.ids()) {
                        String name = "via-" + id + "-" + i;
                        clients.get(id).create("/five/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE,
                                CreateMode.PERSISTENT);
                        via.add(name);
                    }
                }
                for (int id : ensemble.ids()) {
                    clients.get(id).setData("/five/via-" + id + "-0", dataOf("changed through " + id), 0);
                }
                List<String> expected = new ArrayList<>(via);
                expected.add("load");
                expected.sort(null);
                for (int reader : ensemble.ids()) {
                    assertEquals(expected, clients.syncedChildren(reader, "/five"), "children of /five on " + reader);
                    for (String name : via) {
                        Stat stat = new Stat();
                        byte[] data = clients.get(reader).getData("/five/" + name, false, stat);
                        byte[] want = name.endsWith("-0") ? dataOf("changed through " + name.split("-")[1])
                                : dataOf(name);
                        assertArrayEquals(want, data, name + " read through " + reader);
                        assertEquals(name.endsWith("-0") ? 1 : 0, stat.getVersion(), name + " version on " + reader);
                    }
                }
            }

            // One writer all along, retrying across both failovers.
            Set<String> acked = ConcurrentHashMap.newKeySet();
            Map<String, String> failed = new ConcurrentHashMap<>();
            AtomicInteger attempted = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            int secondLeader;
            int thirdLeader;
            try (CuratorFramework curator = CuratorFrameworkFactory.builder()
                    .connectString(ensemble.connectString())
                    .sessionTimeoutMs(10_000)
                    .connectionTimeoutMs(5_000)
                    .retryPolicy(new RetryUntilElapsed(30_000, 50))
                    .build()) {
                curator.start();
                assertTrue(curator.blockUntilConnected(20, TimeUnit.SECONDS), "Curator connects");
                ExecutorService pool = Executors.newSingleThreadExecutor();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                Future<?> writer = pool.submit(() -> {
                    for (int i = 0; i < MAX_LOAD && !stop.get() && System.nanoTime() < deadline; i++) {
                        String name = String.format("n-%04d", i);
                        attempted.incrementAndGet();
                        try {
                            curator.create().forPath("/five/load/" + name, dataOf(name));
                            acked.add(name);
                        } catch (KeeperException.NodeExistsException e) {
                            acked.add(name); // a retry of a create that had been committed
                        } catch (Exception e) {
                            failed.put(name, e.toString());
                        }
                    }
                    return null;
                });
                try {
                    awaitAcks(acked, ACKS_PER_PHASE, writer);
                    ensemble.kill9(firstLeader);
                    secondLeader = ensemble.awaitLeader(ELECTION);
                    assertNotEquals(firstLeader, secondLeader, ensemble::describe);

                    awaitAcks(acked, acked.size() + ACKS_PER_PHASE, writer);
                    ensemble.kill9(secondLeader);
                    thirdLeader = ensemble.awaitLeader(ELECTION);
                    assertTrue(thirdLeader != firstLeader && thirdLeader != secondLeader, ensemble::describe);

                    awaitAcks(acked, acked.size() + ACKS_PER_PHASE, writer);
                    stop.set(true);
                    writer.get(60, TimeUnit.SECONDS);
                } finally {
                    stop.set(true);
                    pool.shutdownNow();
                    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the writer finishes");
                }
            }
            System.out.println("EnsembleFiveServersTest: leaders " + firstLeader + ", " + secondLeader + ", "
                    + thirdLeader + "; " + acked.size() + " of " + attempted.get() + " creates acknowledged");
            assertEquals(Map.of(), failed, "creates that failed even with retries across the failovers");
            assertEquals(attempted.get(), acked.size(), "every attempted create acknowledged (with retries)");

            List<Integer> survivors = ensemble.liveIds();
            assertEquals(3, survivors.size(), ensemble::describe);
            for (int id : survivors) {
                assertEquals(id == thirdLeader ? Ensemble.LEADER : Ensemble.FOLLOWER, ensemble.mode(id),
                        "mode of survivor " + id);
            }
            try (Clients clients = Clients.connect(ensemble, survivors)) {
                Map<Integer, List<String>> childrenBy = new TreeMap<>();
                for (int id : survivors) {
                    List<String> children = clients.syncedChildren(id, "/five/load");
                    Set<String> missing = new TreeSet<>(acked);
                    missing.removeAll(children);
                    assertEquals(Set.of(), missing, "acknowledged creates missing on survivor " + id + "\n"
                            + ensemble.describe());
                    for (String name : children) {
                        assertTrue(name.matches("n-\\d{4}") && Integer.parseInt(name.substring(2)) < attempted.get(),
                                "a child nobody created on server " + id + ": " + name);
                        assertArrayEquals(dataOf(name), clients.get(id).getData("/five/load/" + name, false, null),
                                name + " on " + id);
                    }
                    for (String name : via) {
                        assertTrue(clients.get(id).exists("/five/" + name, false) != null, name + " on " + id);
                    }
                    childrenBy.put(id, children);
                }
                assertEquals(1, new java.util.HashSet<>(childrenBy.values()).size(),
                        "the survivors hold different children of /five/load");

                // The three serve: a write through each is read through the others.
                for (int writerId : survivors) {
                    String path = "/five/after-" + writerId;
                    clients.get(writerId).create(path, dataOf(path), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    for (int reader : survivors) {
                        assertArrayEquals(dataOf(path), Clients.syncedData(clients.get(reader), path),
                                path + " read through " + reader);
                    }
                }
            }
        }
    }

    /** Waits (bounded) until {@code n} creates are acknowledged; fails early if the writer stopped. */
    private static void awaitAcks(Set<String> acked, int n, Future<?> writer) {
        await(n + " creates acknowledged").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    if (writer.isDone() && acked.size() < n) {
                        writer.get(); // throws what ended it
                        throw new AssertionError("the writer stopped after " + acked.size() + " acknowledged creates");
                    }
                    return acked.size() >= n;
                });
    }
}
