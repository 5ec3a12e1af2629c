package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * A minority partition. Every server-to-server link of a three-server ensemble goes through a {@link LinkProxies}
 * proxy: each server's own zoo.cfg names proxies as the other two's quorum and election addresses (client ports are
 * direct). Cutting the proxies from and to one server (new connections refused, open ones dropped) isolates it in
 * both directions while it keeps running: it stops serving, so a write through a client connected to it alone does
 * not succeed, while the other two (a majority) have a leader and take writes. Healed, it rejoins and has the
 * majority's writes. First the leader is cut off, then a follower.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsemblePartitionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Ensemble ensemble;
    private static LinkProxies proxies;

    @BeforeAll
    static void startEnsemble() throws Exception {
        ensemble = Ensemble.builder(EnsemblePartitionTest.class).build();
        try {
            proxies = LinkProxies.between(ensemble, ensemble.ids());
            ensemble.start();
            int leader = ensemble.awaitLeader(WAIT);
            try (Clients clients = Clients.connect(ensemble, List.of(leader))) {
                Zk.createPersistent(clients.get(leader), "/part");
            }
        } catch (Exception | Error e) {
            stopEnsemble();
            throw e;
        }
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
        if (proxies != null) {
            proxies.close();
        }
    }

    private static byte[] dataOf(String name) {
        return ("data of " + name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theLeaderCutOffStopsServingTheOtherTwoElectOneAndItRejoinsWithTheirWrites() throws Exception {
        int leader = ensemble.awaitLeader(WAIT);
        List<Integer> majority = new ArrayList<>(ensemble.ids());
        majority.remove(Integer.valueOf(leader));
        int newLeader = isolateServeHeal(leader, majority, "leader");
        assertNotEquals(leader, newLeader, "the cut-off leader cannot lead the majority");
        assertEquals(Ensemble.FOLLOWER, ensemble.mode(leader), "the old leader rejoins as a follower");
    }

    @Test
    @Order(2)
    void aFollowerCutOffStopsServingTheLeaderKeepsLeadingAndItRejoinsWithTheirWrites() throws Exception {
        int leader = ensemble.awaitLeader(WAIT);
        int follower = ensemble.idsInMode(Ensemble.FOLLOWER).get(0);
        List<Integer> majority = new ArrayList<>(ensemble.ids());
        majority.remove(Integer.valueOf(follower));
        int after = isolateServeHeal(follower, majority, "follower");
        assertEquals(leader, after, "the leader of the majority stays the leader");
    }

    /**
     * Isolates {@code cut}; checks that it stops serving and that {@code majority} serves (returns its leader);
     * heals; checks that {@code cut} rejoins with every write made meanwhile.
     */
    private static int isolateServeHeal(int cut, List<Integer> majority, String label) throws Exception {
        String dir = "/part/" + label;
        List<String> written = new ArrayList<>();
        try (Clients clients = Clients.connect(ensemble, ensemble.ids())) {
            Zk.createPersistent(clients.get(cut), dir);
            for (int i = 0; i < 9; i++) {
                String name = "before-" + i;
                clients.get(ensemble.ids().get(i % 3)).create(dir + "/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                written.add(name);
            }
        }

        EventRecorder events = new EventRecorder("session on the cut-off server " + cut);
        ZooKeeper stranded = Zk.connect(ensemble.connectString(cut), Clients.SESSION_TIMEOUT_MS, events);
        int majorityLeader;
        try {
            proxies.isolate(cut);

            // The cut-off server stays up but stops serving; its client is disconnected.
            try {
                await("server " + cut + " stops serving").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).until(() -> ensemble.mode(cut) == null);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("server " + cut + " cut off from the others still serves: "
                        + ensemble.srvr(cut) + "\n" + ensemble.describe(), e);
            }
            assertTrue(ensemble.isAlive(cut), "the cut-off server exited");
            events.awaitState(KeeperState.Disconnected, Duration.ofSeconds(20));

            // A create through it does not succeed: ConnectionLoss (or no answer) within a bound.
            CompletableFuture<Integer> rc = new CompletableFuture<>();
            stranded.create(dir + "/during-cut", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (code, path, ctx, name) -> rc.complete(code), null);
            Integer code;
            try {
                code = rc.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                code = null;
            }
            assertTrue(code == null || Set.of(KeeperException.Code.CONNECTIONLOSS.intValue(),
                            KeeperException.Code.SESSIONEXPIRED.intValue()).contains(code),
                    "create through the cut-off server " + cut + " answered "
                            + (code == null ? "-" : KeeperException.Code.get(code)));

            // The majority has one leader among themselves and takes writes through either server.
            majorityLeader = ensemble.awaitLeader(WAIT);
            assertTrue(majority.contains(majorityLeader), "leader " + majorityLeader + "\n" + ensemble.describe());
            for (int id : majority) {
                assertNotNull(ensemble.awaitServing(id, WAIT));
            }
            try (Clients pair = Clients.connect(ensemble, majority)) {
                for (int i = 0; i < 20; i++) {
                    String name = "during-" + i;
                    pair.get(majority.get(i % 2)).create(dir + "/" + name, dataOf(name), Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT);
                    written.add(name);
                }
                for (int id : majority) {
                    assertEquals(sorted(written), pair.syncedChildren(id, dir), "children of " + dir + " on " + id);
                }
            }
            // Still cut off and not serving after the majority's writes.
            assertNull(ensemble.mode(cut), "server " + cut + " serves while cut off: " + ensemble.srvr(cut));
        } finally {
            Zk.closeQuietly(stranded);
            proxies.heal(cut);
        }

        assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(cut, Ensemble.FOLLOWER, WAIT),
                "server " + cut + " rejoins as a follower");
        assertEquals(majorityLeader, ensemble.awaitLeader(WAIT), "the majority's leader stays when " + cut + " rejoins");
        try (Clients all = Clients.connect(ensemble, ensemble.ids())) {
            for (int id : ensemble.ids()) {
                assertEquals(sorted(written), all.syncedChildren(id, dir), "children of " + dir + " on " + id);
                for (String name : written) {
                    assertArrayEquals(dataOf(name), all.get(id).getData(dir + "/" + name, false, null),
                            name + " on " + id);
                }
            }
            // It takes writes again, seen by the others.
            all.get(cut).create(dir + "/after-heal", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            for (int id : majority) {
                assertNotNull(all.syncedExists(id, dir + "/after-heal"), "after-heal on " + id);
            }
        }
        return majorityLeader;
    }

    private static List<String> sorted(List<String> names) {
        List<String> s = new ArrayList<>(names);
        s.sort(null);
        return s;
    }
}
