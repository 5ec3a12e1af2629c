package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * Two of three servers stop: the one left (the leader) stops serving, since it no longer has a quorum; writes through
 * it fail and new sessions are refused. One of the two comes back: the pair elects a leader, serves again, and has
 * every write made before.
 */
class EnsembleQuorumLossTest {

    private static final int WRITES = 50;

    private static byte[] dataOf(int i) {
        return ("before " + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLoneServerStopsServingAndThePairServesAgainWithEveryEarlierWrite() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleQuorumLossTest.class).start()) {
            int survivor = ensemble.awaitLeader(Duration.ofSeconds(60));
            List<Integer> followers = ensemble.idsInMode(Ensemble.FOLLOWER);
            assertEquals(2, followers.size(), ensemble::describe);

            // Writes through every server before the loss.
            try (Clients clients = Clients.connect(ensemble, ensemble.ids())) {
                Zk.createPersistent(clients.get(survivor), "/q");
                for (int i = 0; i < WRITES; i++) {
                    int through = ensemble.ids().get(i % 3);
                    clients.get(through).create("/q/n-" + i, dataOf(i), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
            }

            EventRecorder events = new EventRecorder("session on the survivor");
            ZooKeeper stranded = Zk.connect(ensemble.connectString(survivor), Clients.SESSION_TIMEOUT_MS, events);
            try {
                ensemble.stop(followers.get(0));
                ensemble.stop(followers.get(1));

                // The leader gives up within a few ticks of losing its quorum: up, answering, not serving.
                await("the lone server stops serving").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).until(() -> ensemble.mode(survivor) == null);
                assertTrue(ensemble.isAlive(survivor), "the lone server exited instead of waiting for a quorum");
                String srvr = ensemble.srvr(survivor);
                assertNotNull(srvr, "the lone server does not answer srvr");
                assertTrue(srvr.contains(Ensemble.NOT_SERVING), "srvr of the lone server: " + srvr);
                events.awaitState(KeeperState.Disconnected, Duration.ofSeconds(20));

                // A create through it does not succeed: ConnectionLoss (or no answer) within a bound.
                CompletableFuture<Integer> rc = new CompletableFuture<>();
                stranded.create("/q/during-loss", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                        (code, path, ctx, name) -> rc.complete(code), null);
                Integer code;
                try {
                    code = rc.get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    code = null;
                }
                assertTrue(code == null || Set.of(KeeperException.Code.CONNECTIONLOSS.intValue(),
                                KeeperException.Code.SESSIONEXPIRED.intValue()).contains(code),
                        "create through a server without a quorum answered " + (code == null ? "-"
                                : KeeperException.Code.get(code)));

                // And it accepts no new session.
                EventRecorder fresh = new EventRecorder("new session on the survivor");
                ZooKeeper refused = new ZooKeeper(ensemble.connectString(survivor), Clients.SESSION_TIMEOUT_MS, fresh);
                try {
                    await("no session established for 3 s").during(Duration.ofSeconds(3))
                            .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                            .until(() -> fresh.count(e -> e.getState() == KeeperState.SyncConnected) == 0);
                } finally {
                    Zk.closeQuietly(refused);
                }
            } finally {
                Zk.closeQuietly(stranded);
            }

            int back = followers.get(0);
            ensemble.restart(back);
            int leader = ensemble.awaitLeader(Duration.ofSeconds(60));
            assertTrue(leader == survivor || leader == back, ensemble::describe);
            assertNotNull(ensemble.awaitServing(survivor, Duration.ofSeconds(30)));
            assertNotNull(ensemble.awaitServing(back, Duration.ofSeconds(30)));

            try (Clients pair = Clients.connect(ensemble, List.of(survivor, back))) {
                for (int id : List.of(survivor, back)) {
                    List<String> children = pair.syncedChildren(id, "/q");
                    for (int i = 0; i < WRITES; i++) {
                        assertTrue(children.contains("n-" + i), "n-" + i + " missing on server " + id + ": " + children);
                        assertArrayEquals(dataOf(i), pair.get(id).getData("/q/n-" + i, false, null));
                    }
                }
                // And takes new writes through either server.
                pair.get(survivor).create("/q/after-1", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                pair.get(back).create("/q/after-2", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertNotNull(pair.syncedExists(back, "/q/after-1"));
                assertNotNull(pair.syncedExists(survivor, "/q/after-2"));
            }
        }
    }
}
