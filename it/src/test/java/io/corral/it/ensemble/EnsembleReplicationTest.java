package io.corral.it.ensemble;

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
import java.util.Map;
import java.util.TreeMap;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * A three-server ensemble: one leader and two followers; what is written through any server is read through every
 * server (each read by a client connected to that server alone, after {@code sync}), with the same Stat; sequence
 * numbers, ephemerals, watches, multi and version checks behave as on one server whichever server a client uses.
 */
class EnsembleReplicationTest {

    private static Ensemble ensemble;
    private static Clients clients;
    private static int leader;
    private static List<Integer> followers;

    @BeforeAll
    static void startEnsemble() throws Exception {
        ensemble = Ensemble.builder(EnsembleReplicationTest.class).start();
        leader = ensemble.awaitLeader(Duration.ofSeconds(60));
        followers = new ArrayList<>(ensemble.ids());
        followers.remove(Integer.valueOf(leader));
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
    void oneLeaderAndTwoFollowers() {
        Map<Integer, String> modes = ensemble.modes();
        assertEquals(Map.of(leader, Ensemble.LEADER, followers.get(0), Ensemble.FOLLOWER,
                followers.get(1), Ensemble.FOLLOWER), modes, ensemble::describe);
        assertEquals(2, followers.size());
    }

    @Test
    void createSetDataAndDeleteThroughAnyServerAreSeenThroughEveryOther() throws Exception {
        Zk.createPersistent(clients.get(leader), "/visible");
        for (int writer : ensemble.ids()) {
            ZooKeeper w = clients.get(writer);
            String path = "/visible/by-" + writer;

            w.create(path, bytes("v0 from " + writer), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            // A client reads its own writes on its server without sync.
            assertArrayEquals(bytes("v0 from " + writer), w.getData(path, false, null));
            for (int reader : ensemble.ids()) {
                Stat stat = new Stat();
                assertArrayEquals(bytes("v0 from " + writer), clients.syncedData(reader, path, stat),
                        "create through " + writer + " read through " + reader);
                assertEquals(0, stat.getVersion());
            }

            w.setData(path, bytes("v1 from " + writer), 0);
            assertArrayEquals(bytes("v1 from " + writer), w.getData(path, false, null));
            for (int reader : ensemble.ids()) {
                Stat stat = new Stat();
                assertArrayEquals(bytes("v1 from " + writer), clients.syncedData(reader, path, stat),
                        "setData through " + writer + " read through " + reader);
                assertEquals(1, stat.getVersion(), "version read through " + reader);
            }

            w.delete(path, 1);
            assertNull(w.exists(path, false));
            for (int reader : ensemble.ids()) {
                assertNull(clients.syncedExists(reader, path), "delete through " + writer + " read through " + reader);
            }
        }
        for (int reader : ensemble.ids()) {
            assertEquals(List.of(), clients.syncedChildren(reader, "/visible"), "read through " + reader);
        }
    }

    @Test
    void sequentialNodesThroughDifferentServersGetDistinctIncreasingNumbers() throws Exception {
        Zk.createPersistent(clients.get(followers.get(0)), "/seq");
        List<Integer> ids = ensemble.ids();
        List<String> created = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < 30; i++) {
            int through = ids.get(i % ids.size());
            String path = clients.get(through).create("/seq/n-", bytes("through " + through), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL);
            int number = Integer.parseInt(path.substring("/seq/n-".length()));
            assertTrue(number > previous, "sequence number " + number + " through server " + through
                    + " after " + previous + " (created so far " + created + ")");
            previous = number;
            created.add(path.substring("/seq/".length()));
        }
        assertEquals(29, previous, "30 creates under a fresh parent number 0..29");
        for (int reader : ids) {
            assertEquals(created, clients.syncedChildren(reader, "/seq"), "children read through " + reader);
        }
    }

    @Test
    void anEphemeralDisappearsFromEveryServerWhenItsSessionCloses() throws Exception {
        int owner = followers.get(0);
        ZooKeeper session = Clients.only(ensemble, owner);
        try {
            session.create("/eph", bytes("mine"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            for (int reader : ensemble.ids()) {
                Stat stat = clients.syncedExists(reader, "/eph");
                assertNotNull(stat, "ephemeral created through " + owner + " read through " + reader);
                assertEquals(session.getSessionId(), stat.getEphemeralOwner(), "owner read through " + reader);
            }
        } finally {
            // close() returns once the server has answered the closeSession request, i.e. once it is committed.
            session.close(10_000);
        }
        for (int reader : ensemble.ids()) {
            assertNull(clients.syncedExists(reader, "/eph"), "ephemeral of a closed session read through " + reader);
        }
    }

    @Test
    void aDataWatchSetOnAFollowerFiresForASetDataThroughTheLeader() throws Exception {
        int follower = followers.get(1);
        clients.get(leader).create("/watched", bytes("before"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventRecorder events = new EventRecorder("watch on server " + follower);
        ZooKeeper onFollower = clients.get(follower);
        onFollower.sync("/watched");
        assertArrayEquals(bytes("before"), onFollower.getData("/watched", events, null));

        clients.get(leader).setData("/watched", bytes("after"), 0);

        events.awaitEvent(EventType.NodeDataChanged, "/watched", Duration.ofSeconds(10));
        assertArrayEquals(bytes("after"), onFollower.getData("/watched", false, null));
        Zk.barrier(onFollower);
        assertEquals(1, events.nodeEvents().size(), () -> "one-shot watch fired more than once: " + events);
    }

    @Test
    void aMultiThroughAFollowerIsAppliedAsOneTransactionEverywhere() throws Exception {
        int follower = followers.get(0);
        ZooKeeper f = clients.get(follower);
        Zk.createPersistent(f, "/multi");
        Zk.createPersistent(f, "/multi/gone");

        List<OpResult> results = f.multi(List.of(
                Op.create("/multi/a", bytes("a"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/multi/b", bytes("b"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/multi", bytes("parent"), 0),
                Op.delete("/multi/gone", 0)));
        assertEquals(4, results.size());

        Map<Integer, Long> zxidOfA = new TreeMap<>();
        for (int reader : ensemble.ids()) {
            Stat a = new Stat();
            Stat b = new Stat();
            Stat parent = new Stat();
            assertArrayEquals(bytes("a"), clients.syncedData(reader, "/multi/a", a), "read through " + reader);
            assertArrayEquals(bytes("b"), clients.get(reader).getData("/multi/b", false, b));
            assertArrayEquals(bytes("parent"), clients.get(reader).getData("/multi", false, parent));
            assertNull(clients.get(reader).exists("/multi/gone", false), "read through " + reader);
            assertEquals(a.getMzxid(), b.getMzxid(), "one multi, one zxid, read through " + reader);
            assertEquals(a.getMzxid(), parent.getMzxid(), "one multi, one zxid, read through " + reader);
            zxidOfA.put(reader, a.getMzxid());
        }
        assertEquals(1, zxidOfA.values().stream().distinct().count(), "zxid of the multi per server: " + zxidOfA);

        // A multi whose last op fails changes nothing on any server.
        KeeperException e = Zk.assertCode(KeeperException.Code.BADVERSION, () -> f.multi(List.of(
                Op.create("/multi/c", bytes("c"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.check("/multi/a", 7))));
        assertNotNull(e.getResults());
        for (int reader : ensemble.ids()) {
            assertNull(clients.syncedExists(reader, "/multi/c"), "failed multi applied, read through " + reader);
        }
    }

    @Test
    void statsAreTheSameOnEveryServerAfterSync() throws Exception {
        ZooKeeper l = clients.get(leader);
        l.create("/stat", bytes("0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        int round = 0;
        for (int writer : ensemble.ids()) {
            round++;
            clients.get(writer).setData("/stat", bytes(Integer.toString(round)), -1);
            clients.get(writer).create("/stat/child-" + writer, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        clients.get(followers.get(1)).delete("/stat/child-" + followers.get(0), -1);

        Map<Integer, Stat> stats = new TreeMap<>();
        for (int reader : ensemble.ids()) {
            Stat stat = new Stat();
            assertArrayEquals(bytes("3"), clients.syncedData(reader, "/stat", stat), "read through " + reader);
            stats.put(reader, stat);
        }
        Stat first = stats.get(leader);
        assertEquals(3, first.getVersion());
        assertEquals(4, first.getCversion(), "three creates and a delete of children");
        assertEquals(2, first.getNumChildren());
        assertTrue(first.getMzxid() > first.getCzxid());
        assertTrue(first.getPzxid() > first.getMzxid(), "the last change under /stat was the delete");
        for (Map.Entry<Integer, Stat> e : stats.entrySet()) {
            assertEquals(first, e.getValue(), "Stat of /stat through server " + e.getKey() + " vs the leader " + leader
                    + ": " + stats);
        }
        assertNotEquals(0L, first.getCtime());
    }

    @Test
    void aVersionCheckThatFailsThroughAFollowerIsBadVersionAndChangesNothing() throws Exception {
        clients.get(leader).create("/versioned", bytes("original"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        clients.get(leader).setData("/versioned", bytes("second"), 0);
        int follower = followers.get(1);
        ZooKeeper f = clients.get(follower);
        f.sync("/versioned");

        Zk.assertCode(KeeperException.Code.BADVERSION, () -> f.setData("/versioned", bytes("stale"), 0));
        Zk.assertCode(KeeperException.Code.BADVERSION, () -> f.delete("/versioned", 0));
        Zk.assertCode(KeeperException.Code.BADVERSION, () -> f.setData("/versioned", bytes("future"), 5));

        for (int reader : ensemble.ids()) {
            Stat stat = new Stat();
            assertArrayEquals(bytes("second"), clients.syncedData(reader, "/versioned", stat), "read through " + reader);
            assertEquals(1, stat.getVersion(), "read through " + reader);
        }
        // The right version through the same follower works.
        assertEquals(2, f.setData("/versioned", bytes("third"), 1).getVersion());
    }
}
