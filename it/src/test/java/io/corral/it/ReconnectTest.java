package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.TcpProxy;
import io.corral.it.support.Zk;

/** Clients behind a TcpProxy lose their connection and come back: sessions, ephemerals and watches survive. */
class ReconnectTest {

    private static final int TICK = 500;
    private static final int LONG_SESSION = 10_000; // 20 ticks, the default maximum

    private static ServerProcess server;
    private static ZooKeeper direct;

    private TcpProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(ReconnectTest.class).tickTime(TICK).start();
        direct = Zk.connect(server.connectString(), LONG_SESSION);
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(direct);
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = TcpProxy.inFrontOf(server);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Cuts the client's connection and waits until it has reconnected. */
    private void dropAndAwaitReconnect(EventRecorder events) {
        events.clear();
        proxy.dropAllConnections();
        events.awaitState(KeeperState.Disconnected);
        events.awaitState(KeeperState.SyncConnected);
    }

    @Test
    void reconnectWithinTheTimeoutKeepsTheSessionAndItsEphemerals() throws Exception {
        EventRecorder events = new EventRecorder("proxied");
        ZooKeeper zk = Zk.connect(proxy.connectString(), LONG_SESSION, events);
        try {
            long sessionId = zk.getSessionId();
            zk.create("/rc-eph", bytes("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

            dropAndAwaitReconnect(events);
            assertEquals(sessionId, zk.getSessionId(), "same session after the reconnect");
            assertEquals(0, events.count(e -> e.getState() == KeeperState.Expired));
            assertEquals(sessionId, direct.exists("/rc-eph", false).getEphemeralOwner());
            assertArrayEquals(bytes("e"), zk.getData("/rc-eph", false, null));

            dropAndAwaitReconnect(events);
            zk.create("/rc-eph2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertEquals(sessionId, direct.exists("/rc-eph2", false).getEphemeralOwner());
            assertTrue(proxy.acceptedCount() >= 3);
        } finally {
            Zk.closeQuietly(zk);
        }
        EventRecorder gone = new EventRecorder("gone");
        if (direct.exists("/rc-eph", gone) != null) {
            gone.awaitEvent(EventType.NodeDeleted, "/rc-eph");
        }
        assertNull(direct.exists("/rc-eph2", false), "closing the session removed its ephemerals");
    }

    @Test
    void watchesAreRestoredAndChangesMadeWhileDisconnectedFire() throws Exception {
        Zk.createPersistent(direct, "/rw");
        Zk.createPersistent(direct, "/rw/changed", bytes("0"));
        Zk.createPersistent(direct, "/rw/unchanged", bytes("0"));
        Zk.createPersistent(direct, "/rw/parent");
        Zk.createPersistent(direct, "/rw/quietparent");
        Zk.createPersistent(direct, "/rw/deleted");

        EventRecorder events = new EventRecorder("proxied");
        ZooKeeper zk = Zk.connect(proxy.connectString(), LONG_SESSION, events);
        try {
            zk.getData("/rw/changed", true, null);
            zk.getData("/rw/unchanged", true, null);
            assertNull(zk.exists("/rw/created", true));
            assertNull(zk.exists("/rw/stillmissing", true));
            zk.getChildren("/rw/parent", true);
            zk.getChildren("/rw/quietparent", true);
            zk.getData("/rw/deleted", true, null);

            events.clear();
            proxy.setRefusing(true);
            proxy.dropAllConnections();
            events.awaitState(KeeperState.Disconnected);

            direct.setData("/rw/changed", bytes("1"), -1);
            Zk.createPersistent(direct, "/rw/created");
            Zk.createPersistent(direct, "/rw/parent/kid");
            direct.delete("/rw/deleted", -1);

            proxy.setRefusing(false);
            events.awaitState(KeeperState.SyncConnected);
            events.awaitEvent(EventType.NodeDataChanged, "/rw/changed");
            events.awaitEvent(EventType.NodeCreated, "/rw/created");
            events.awaitEvent(EventType.NodeChildrenChanged, "/rw/parent");
            events.awaitEvent(EventType.NodeDeleted, "/rw/deleted");
            Zk.barrier(zk);
            assertEquals(4, events.nodeEvents().size(), events::toString);

            // the untouched watches were re-registered and fire on the next change
            direct.setData("/rw/unchanged", bytes("1"), -1);
            Zk.createPersistent(direct, "/rw/stillmissing");
            Zk.createPersistent(direct, "/rw/quietparent/kid");
            events.awaitEvent(EventType.NodeDataChanged, "/rw/unchanged");
            events.awaitEvent(EventType.NodeCreated, "/rw/stillmissing");
            events.awaitEvent(EventType.NodeChildrenChanged, "/rw/quietparent");
            // and the ones that fired are gone (one-shot)
            direct.setData("/rw/changed", bytes("2"), -1);
            Zk.barrier(zk);
            assertEquals(7, events.nodeEvents().size(), events::toString);
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void persistentWatchesSurviveAReconnect() throws Exception {
        Zk.createPersistent(direct, "/rp");
        EventRecorder events = new EventRecorder("proxied");
        ZooKeeper zk = Zk.connect(proxy.connectString(), LONG_SESSION, events);
        try {
            List<WatchedEvent> recursive = Collections.synchronizedList(new ArrayList<>());
            zk.addWatch("/rp", recursive::add, AddWatchMode.PERSISTENT_RECURSIVE);
            events.clear();
            proxy.setRefusing(true);
            proxy.dropAllConnections();
            events.awaitState(KeeperState.Disconnected);
            Zk.createPersistent(direct, "/rp/while-away"); // persistent watches are re-added without catch-up events
            proxy.setRefusing(false);
            events.awaitState(KeeperState.SyncConnected);

            Zk.createPersistent(direct, "/rp/after");
            direct.setData("/rp/after", bytes("x"), -1);
            Zk.barrier(direct);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> recursive.stream().anyMatch(e -> e.getType() == EventType.NodeDataChanged));
            Zk.barrier(zk);
            List<String> seen = new ArrayList<>();
            synchronized (recursive) {
                for (WatchedEvent e : recursive) {
                    if (e.getType() != EventType.None) {
                        seen.add(e.getType() + " " + e.getPath());
                    }
                }
            }
            assertEquals(List.of("NodeCreated /rp/after", "NodeDataChanged /rp/after"), seen);
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void pausedTrafficIsDeliveredInOrderAfterResume() throws Exception {
        Zk.createPersistent(direct, "/rpause", bytes("v1"));
        EventRecorder events = new EventRecorder("proxied");
        ZooKeeper zk = Zk.connect(proxy.connectString(), LONG_SESSION, events);
        try {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            zk.getData("/rpause", e -> order.add("event:" + e.getType()), null);

            proxy.pause();
            CountDownLatch replied = new CountDownLatch(1);
            AtomicReference<byte[]> data = new AtomicReference<>();
            zk.getData("/rpause", false, (rc, path, ctx, d, stat) -> {
                data.set(d);
                order.add("reply:getData");
                replied.countDown();
            }, null);
            // the request is held by the proxy, so this write reaches the server first
            direct.setData("/rpause", bytes("v2"), -1);
            proxy.resume();

            assertTrue(replied.await(20, TimeUnit.SECONDS));
            assertArrayEquals(bytes("v2"), data.get(), "the held request was processed after the write");
            assertEquals(List.of("event:NodeDataChanged", "reply:getData"), order);
            assertEquals(0, events.count(e -> e.getState() != KeeperState.SyncConnected), events::toString);
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void aClientThatStaysAwayLongerThanItsTimeoutFindsItsSessionExpired() throws Exception {
        EventRecorder events = new EventRecorder("proxied");
        ZooKeeper zk = Zk.connect(proxy.connectString(), 1_500, events);
        try {
            assertEquals(1_500, zk.getSessionTimeout());
            zk.create("/rx-eph", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            EventRecorder observer = new EventRecorder("observer");
            assertNotNull(direct.exists("/rx-eph", observer));

            proxy.setRefusing(true);
            proxy.dropAllConnections();
            observer.awaitEvent(EventType.NodeDeleted, "/rx-eph", Duration.ofSeconds(15));
            proxy.setRefusing(false);
            events.awaitState(KeeperState.Expired);
        } finally {
            Zk.closeQuietly(zk);
        }
    }
}
