package io.corral.it.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * Three voters and one observer (server 4, {@code :observer} in every server line and {@code peerType=observer} in
 * its own zoo.cfg): the observer says so in {@code srvr}, forwards writes, serves reads and watches, and is never the
 * leader, also after the leader dies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsembleObserverTest {

    private static final int OBSERVER = 4;

    private static Ensemble ensemble;
    private static Clients clients;
    private static int leader;

    @BeforeAll
    static void startEnsemble() throws Exception {
        ensemble = Ensemble.builder(EnsembleObserverTest.class).voters(3).observers(1).start();
        leader = ensemble.awaitLeader(Duration.ofSeconds(60));
        clients = Clients.connect(ensemble, ensemble.ids());
    }

    @AfterAll
    static void stopEnsemble() {
        if (clients != null) {
            clients.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theObserverSaysObserverAndTheVotersHaveOneLeader() {
        Map<Integer, String> modes = ensemble.modes();
        assertEquals(Ensemble.OBSERVER, modes.get(OBSERVER), ensemble::describe);
        List<Integer> followers = new ArrayList<>(ensemble.voterIds());
        followers.remove(Integer.valueOf(leader));
        assertEquals(Map.of(leader, Ensemble.LEADER, followers.get(0), Ensemble.FOLLOWER, followers.get(1),
                Ensemble.FOLLOWER, OBSERVER, Ensemble.OBSERVER), modes);
    }

    @Test
    @Order(2)
    void writesThroughTheObserverAreSeenOnEveryVoter() throws Exception {
        ZooKeeper o = clients.get(OBSERVER);
        o.create("/obs", bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        o.create("/obs/doomed", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        o.setData("/obs", bytes("v1"), 0);
        o.multi(List.of(
                Op.create("/obs/m1", bytes("m1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete("/obs/doomed", 0)));
        // Read-your-writes on the observer itself, without sync.
        assertArrayEquals(bytes("m1"), o.getData("/obs/m1", false, null));

        Stat onObserver = new Stat();
        o.getData("/obs", false, onObserver);
        for (int voter : ensemble.voterIds()) {
            Stat stat = new Stat();
            assertArrayEquals(bytes("v1"), clients.syncedData(voter, "/obs", stat), "read through " + voter);
            assertEquals(onObserver, stat, "Stat of /obs through " + voter + " vs the observer");
            assertArrayEquals(bytes("m1"), clients.get(voter).getData("/obs/m1", false, null));
            assertNull(clients.get(voter).exists("/obs/doomed", false), "read through " + voter);
        }
    }

    @Test
    @Order(3)
    void theObserverAnswersReadsAndWatchesForWritesThroughVoters() throws Exception {
        ZooKeeper o = clients.get(OBSERVER);
        int follower = ensemble.voterIds().stream().filter(id -> id != leader).findFirst().orElseThrow();
        clients.get(leader).create("/voters", bytes("by leader"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        clients.get(follower).create("/voters/f", bytes("by follower"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertArrayEquals(bytes("by leader"), clients.syncedData(OBSERVER, "/voters", null));
        assertArrayEquals(bytes("by follower"), o.getData("/voters/f", false, null));
        assertEquals(List.of("f"), o.getChildren("/voters", false));

        EventRecorder events = new EventRecorder("watches on the observer");
        o.getData("/voters/f", events, null);
        o.getChildren("/voters", events);
        clients.get(follower).setData("/voters/f", bytes("changed"), 0);
        clients.get(leader).create("/voters/g", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        events.awaitEvent(EventType.NodeDataChanged, "/voters/f", Duration.ofSeconds(10));
        events.awaitEvent(EventType.NodeChildrenChanged, "/voters", Duration.ofSeconds(10));
        assertArrayEquals(bytes("changed"), o.getData("/voters/f", false, null));
    }

    @Test
    @Order(4)
    void theObserverIsNotElectedWhenTheLeaderDiesAndKeepsServing() throws Exception {
        int oldLeader = leader;
        ensemble.kill9(oldLeader);
        int newLeader = ensemble.awaitLeader(Duration.ofSeconds(60));
        assertNotEquals(oldLeader, newLeader);
        assertNotEquals(OBSERVER, newLeader, "the observer became the leader");
        assertEquals(Ensemble.OBSERVER, ensemble.awaitMode(OBSERVER, Ensemble.OBSERVER, Duration.ofSeconds(60)));

        ZooKeeper o = Clients.only(ensemble, OBSERVER);
        try {
            o.create("/after-failover", bytes("through observer"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            ZooKeeper l = Clients.only(ensemble, newLeader);
            try {
                l.sync("/after-failover");
                assertArrayEquals(bytes("through observer"), l.getData("/after-failover", false, null));
                assertArrayEquals(bytes("v1"), Clients.syncedData(o, "/obs"));
            } finally {
                Zk.closeQuietly(l);
            }
        } finally {
            Zk.closeQuietly(o);
        }

        ensemble.restart(oldLeader);
        assertEquals(Ensemble.FOLLOWER, ensemble.awaitMode(oldLeader, Ensemble.FOLLOWER, Duration.ofSeconds(60)));
        assertEquals(Ensemble.OBSERVER, ensemble.mode(OBSERVER));
    }
}
