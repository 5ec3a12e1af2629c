package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.WatcherEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** One-shot, persistent and persistent-recursive watches; event/reply ordering; removeWatches/checkWatches. */
class WatchesTest {

    private static ServerProcess server;
    /** The client whose watches are under test. */
    private static ZooKeeper watcherClient;
    /** A second session that makes the changes. */
    private static ZooKeeper writer;

    private EventRecorder events;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(WatchesTest.class).start();
        watcherClient = Zk.connect(server.connectString());
        writer = Zk.connect(server.connectString());
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(watcherClient, writer);
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void newRecorder() {
        events = new EventRecorder("watches");
    }

    @AfterEach
    void noStateChanges() {
        assertTrue(events.events().stream().allMatch(e -> e.getState() == KeeperState.SyncConnected),
                () -> "every server-sent event carries SyncConnected: " + events);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<EventType> types(List<WatchedEvent> list) {
        return list.stream().map(WatchedEvent::getType).collect(Collectors.toList());
    }

    @Test
    void dataWatchFiresOnceOnChange() throws Exception {
        Zk.createPersistent(writer, "/w-data", bytes("0"));
        watcherClient.getData("/w-data", events, null);
        writer.setData("/w-data", bytes("1"), -1);
        writer.setData("/w-data", bytes("2"), -1);
        events.awaitEvent(EventType.NodeDataChanged, "/w-data");
        Zk.barrier(watcherClient);
        assertEquals(List.of(EventType.NodeDataChanged), types(events.nodeEvents()), events::toString);
    }

    @Test
    void dataWatchFiresNodeDeleted() throws Exception {
        Zk.createPersistent(writer, "/w-del");
        watcherClient.getData("/w-del", events, null);
        writer.delete("/w-del", -1);
        events.awaitEvent(EventType.NodeDeleted, "/w-del");
        Zk.createPersistent(writer, "/w-del");
        Zk.barrier(watcherClient);
        assertEquals(List.of(EventType.NodeDeleted), types(events.nodeEvents()), events::toString);
    }

    @Test
    void existsWatchOnMissingNodeFiresNodeCreatedOnce() throws Exception {
        assertNull(watcherClient.exists("/w-exists", events));
        Zk.createPersistent(writer, "/w-exists");
        events.awaitEvent(EventType.NodeCreated, "/w-exists");
        writer.setData("/w-exists", bytes("x"), -1);
        writer.delete("/w-exists", -1);
        Zk.barrier(watcherClient);
        assertEquals(List.of(EventType.NodeCreated), types(events.nodeEvents()), events::toString);
    }

    @Test
    void existsWatchOnExistingNodeFiresDataChanged() throws Exception {
        Zk.createPersistent(writer, "/w-exists2");
        watcherClient.exists("/w-exists2", events);
        writer.setData("/w-exists2", bytes("x"), -1);
        events.awaitEvent(EventType.NodeDataChanged, "/w-exists2");
        writer.setData("/w-exists2", bytes("y"), -1);
        Zk.barrier(watcherClient);
        assertEquals(1, events.nodeEvents().size(), events::toString);
    }

    @Test
    void childWatchFiresOnceOnChildChange() throws Exception {
        Zk.createPersistent(writer, "/w-kids");
        watcherClient.getChildren("/w-kids", events);
        writer.setData("/w-kids", bytes("not a child change"), -1);
        Zk.createPersistent(writer, "/w-kids/a");
        events.awaitEvent(EventType.NodeChildrenChanged, "/w-kids");
        Zk.createPersistent(writer, "/w-kids/b");
        writer.delete("/w-kids/a", -1);
        Zk.barrier(watcherClient);
        assertEquals(List.of(EventType.NodeChildrenChanged), types(events.nodeEvents()), events::toString);

        // a child's deletion fires too, and a fresh getChildren re-arms the watch
        watcherClient.getChildren("/w-kids", events, null);
        events.clear();
        writer.delete("/w-kids/b", -1);
        events.awaitEvent(EventType.NodeChildrenChanged, "/w-kids");
        Zk.barrier(watcherClient);
        assertEquals(1, events.nodeEvents().size(), events::toString);
    }

    @Test
    void deletingAWatchedParentFiresNodeDeletedForChildWatches() throws Exception {
        Zk.createPersistent(writer, "/w-gone");
        EventRecorder childWatch = new EventRecorder("child");
        watcherClient.getChildren("/w-gone", childWatch);
        watcherClient.getData("/w-gone", events, null);
        writer.delete("/w-gone", -1);
        childWatch.awaitEvent(EventType.NodeDeleted, "/w-gone");
        events.awaitEvent(EventType.NodeDeleted, "/w-gone");
        Zk.barrier(watcherClient);
        assertEquals(1, childWatch.nodeEvents().size(), childWatch::toString);
        assertEquals(1, events.nodeEvents().size(), events::toString);
    }

    @Test
    void watchesOfOneSessionFireForAllWatchersOfIt() throws Exception {
        Zk.createPersistent(writer, "/w-multi");
        EventRecorder second = new EventRecorder("second");
        watcherClient.getData("/w-multi", events, null);
        watcherClient.getData("/w-multi", second, null);
        ZooKeeper third = Zk.connect(server.connectString());
        EventRecorder thirdEvents = new EventRecorder("third");
        try {
            third.getData("/w-multi", thirdEvents, null);
            writer.setData("/w-multi", bytes("x"), -1);
            events.awaitEvent(EventType.NodeDataChanged, "/w-multi");
            second.awaitEvent(EventType.NodeDataChanged, "/w-multi");
            thirdEvents.awaitEvent(EventType.NodeDataChanged, "/w-multi");
        } finally {
            Zk.closeQuietly(third);
        }
    }

    @Test
    void eventFromAnotherSessionsWriteArrivesBeforeTheReplyToALaterRequest() throws Exception {
        Zk.createPersistent(writer, "/w-order");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        watcherClient.getData("/w-order", e -> order.add("event:" + e.getType()), null);
        writer.setData("/w-order", bytes("new"), -1);

        CountDownLatch replied = new CountDownLatch(1);
        watcherClient.getData("/w-order", false, (rc, path, ctx, data, stat) -> {
            order.add("reply:getData:" + new String(data, StandardCharsets.UTF_8));
            replied.countDown();
        }, null);
        assertTrue(replied.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("event:NodeDataChanged", "reply:getData:new"), order);
    }

    @Test
    void eventFromTheSessionsOwnWriteArrivesBeforeThatWritesReply() throws Exception {
        Zk.createPersistent(watcherClient, "/w-own");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        watcherClient.getData("/w-own", e -> order.add("event:" + e.getType()), null);
        watcherClient.getChildren("/w-own", e -> order.add("childEvent:" + e.getType()), null);
        CountDownLatch replied = new CountDownLatch(2);
        watcherClient.setData("/w-own", bytes("mine"), -1, (rc, path, ctx, stat) -> {
            order.add("reply:setData");
            replied.countDown();
        }, null);
        watcherClient.create("/w-own/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> {
            order.add("reply:create");
            replied.countDown();
        }, null);
        assertTrue(replied.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("event:NodeDataChanged", "reply:setData", "childEvent:NodeChildrenChanged", "reply:create"), order);
    }

    @Test
    void persistentWatchFiresForEveryChangeOfThatNodeOnly() throws Exception {
        Zk.createPersistent(writer, "/w-pers");
        watcherClient.addWatch("/w-pers", events, AddWatchMode.PERSISTENT);
        writer.setData("/w-pers", bytes("1"), -1);
        writer.setData("/w-pers", bytes("2"), -1);
        Zk.createPersistent(writer, "/w-pers/kid");
        Zk.createPersistent(writer, "/w-pers/kid/grandkid"); // not a child of /w-pers: no event
        writer.setData("/w-pers/kid", bytes("x"), -1);      // not /w-pers: no event
        writer.delete("/w-pers/kid/grandkid", -1);
        writer.delete("/w-pers/kid", -1);
        writer.delete("/w-pers", -1);
        Zk.createPersistent(writer, "/w-pers");              // the watch survives the delete
        events.awaitEvent(EventType.NodeCreated, "/w-pers");
        Zk.barrier(watcherClient);
        assertEquals(List.of(EventType.NodeDataChanged, EventType.NodeDataChanged, EventType.NodeChildrenChanged,
                EventType.NodeChildrenChanged, EventType.NodeDeleted, EventType.NodeCreated), types(events.nodeEvents()),
                events::toString);
        assertTrue(events.nodeEvents().stream().allMatch(e -> "/w-pers".equals(e.getPath())));
        watcherClient.removeWatches("/w-pers", events, WatcherType.Any, false);
    }

    @Test
    void persistentRecursiveWatchCoversTheSubtreeWithoutChildEvents() throws Exception {
        Zk.createPersistent(writer, "/w-rec");
        watcherClient.addWatch("/w-rec", events, AddWatchMode.PERSISTENT_RECURSIVE);
        Zk.createPersistent(writer, "/w-rec/a");
        Zk.createPersistent(writer, "/w-rec/a/b");
        writer.setData("/w-rec/a/b", bytes("x"), -1);
        writer.setData("/w-rec", bytes("y"), -1);
        writer.delete("/w-rec/a/b", -1);
        Zk.createPersistent(writer, "/w-recursive-sibling"); // outside the subtree despite the common prefix
        events.awaitEvent(EventType.NodeDeleted, "/w-rec/a/b");
        Zk.barrier(watcherClient);
        List<String> seen = events.nodeEvents().stream().map(e -> e.getType() + " " + e.getPath()).collect(Collectors.toList());
        assertEquals(List.of("NodeCreated /w-rec/a", "NodeCreated /w-rec/a/b", "NodeDataChanged /w-rec/a/b",
                "NodeDataChanged /w-rec", "NodeDeleted /w-rec/a/b"), seen);
        watcherClient.removeWatches("/w-rec", events, WatcherType.Any, false);
    }

    @Test
    void oneShotAndPersistentWatchesCoexist() throws Exception {
        Zk.createPersistent(writer, "/w-both");
        EventRecorder oneShot = new EventRecorder("oneShot");
        watcherClient.addWatch("/w-both", events, AddWatchMode.PERSISTENT);
        watcherClient.getData("/w-both", oneShot, null);
        writer.setData("/w-both", bytes("1"), -1);
        writer.setData("/w-both", bytes("2"), -1);
        Zk.barrier(writer);
        Zk.barrier(watcherClient);
        assertEquals(2, events.count(EventType.NodeDataChanged, "/w-both"), events::toString);
        assertEquals(1, oneShot.count(EventType.NodeDataChanged, "/w-both"), oneShot::toString);
        watcherClient.removeWatches("/w-both", events, WatcherType.Any, false);
    }

    @Test
    void removeWatchesStopsDeliveryAndReportsNoWatcherWhenNone() throws Exception {
        Zk.createPersistent(writer, "/w-remove");
        watcherClient.getData("/w-remove", events, null);
        watcherClient.removeWatches("/w-remove", events, WatcherType.Data, false);
        events.awaitEvent(EventType.DataWatchRemoved, "/w-remove");
        writer.setData("/w-remove", bytes("x"), -1);
        Zk.barrier(watcherClient);
        assertEquals(0, events.count(EventType.NodeDataChanged, "/w-remove"), events::toString);
        assertCode(Code.NOWATCHER, () -> watcherClient.removeWatches("/w-remove", events, WatcherType.Data, false));

        watcherClient.getChildren("/w-remove", events);
        watcherClient.removeAllWatches("/w-remove", WatcherType.Children, false);
        events.awaitEvent(EventType.ChildWatchRemoved, "/w-remove");
        Zk.createPersistent(writer, "/w-remove/kid");
        Zk.barrier(watcherClient);
        assertEquals(0, events.count(EventType.NodeChildrenChanged, "/w-remove"), events::toString);

        watcherClient.addWatch("/w-remove", events, AddWatchMode.PERSISTENT_RECURSIVE);
        watcherClient.removeWatches("/w-remove", events, WatcherType.PersistentRecursive, false);
        events.awaitEvent(EventType.PersistentWatchRemoved, "/w-remove");
        writer.setData("/w-remove", bytes("y"), -1);
        Zk.barrier(watcherClient);
        assertEquals(0, events.count(EventType.NodeDataChanged, "/w-remove"), events::toString);
    }

    @Test
    void checkAndRemoveWatchesOnTheWire() throws Exception {
        Zk.createPersistent(writer, "/w-raw", bytes("r"));
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            int data = WatcherType.Data.getIntValue();
            int children = WatcherType.Children.getIntValue();
            int any = WatcherType.Any.getIntValue();

            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", data)).err());
            assertEquals(0, raw.call(OpCode.getData, new GetDataRequest("/w-raw", true)).err());
            assertEquals(0, raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", data)).err());
            assertEquals(0, raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", any)).err());
            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", children)).err());
            assertEquals(0, raw.call(OpCode.getChildren, new GetChildrenRequest("/w-raw", true)).err());
            assertEquals(0, raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", children)).err());

            assertEquals(0, raw.call(OpCode.removeWatches, new RemoveWatchesRequest("/w-raw", data)).err());
            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", data)).err());
            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.removeWatches, new RemoveWatchesRequest("/w-raw", data)).err());
            assertEquals(0, raw.call(OpCode.removeWatches, new RemoveWatchesRequest("/w-raw", any)).err());
            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw", any)).err());
            assertEquals(Code.NOWATCHER.intValue(), raw.call(OpCode.checkWatches, new CheckWatchesRequest("/w-raw-missing", data)).err());

            // addWatch answers with an ErrorResponse body holding 0
            RawClient.Reply added = raw.call(OpCode.addWatch, new AddWatchRequest("/w-raw", AddWatchMode.PERSISTENT.getMode()));
            assertEquals(0, added.err());
            assertEquals(0, added.read(new ErrorResponse()).getErr());

            // the removed watches no longer fire; the persistent one does, as a notification frame
            writer.setData("/w-raw", bytes("s"), -1);
            assertEquals(0, raw.call(OpCode.getData, new GetDataRequest("/w-raw", false)).err());
            assertEquals(1, raw.notifications().size(), raw.notifications()::toString);
            WatcherEvent event = raw.notifications().get(0);
            assertEquals(EventType.NodeDataChanged.getIntValue(), event.getType());
            assertEquals(KeeperState.SyncConnected.getIntValue(), event.getState());
            assertEquals("/w-raw", event.getPath());
        }
    }

    @Test
    void failedReadRegistersNoWatch() throws Exception {
        assertCode(Code.NONODE, () -> watcherClient.getData("/w-never", events, null));
        assertCode(Code.NONODE, () -> watcherClient.getChildren("/w-never", events));
        Zk.createPersistent(writer, "/w-never");
        writer.setData("/w-never", bytes("x"), -1);
        Zk.createPersistent(writer, "/w-never/kid");
        Zk.barrier(watcherClient);
        assertTrue(events.nodeEvents().isEmpty(), events::toString);
        assertArrayEquals(bytes("x"), watcherClient.getData("/w-never", false, null));
    }

    @Test
    void watchEventIsNotDeliveredWithoutReadPermission() throws Exception {
        writer.create("/w-secret", bytes("s"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcherClient.getData("/w-secret", events, null);
        // make the node unreadable for everyone except the digest user, then change it
        ZooKeeper owner = Zk.connect(server.connectString());
        try {
            owner.addAuthInfo("digest", bytes("owner:pw"));
            owner.setACL("/w-secret", Ids.CREATOR_ALL_ACL, -1);
            owner.setData("/w-secret", bytes("t"), -1);
            Zk.barrier(owner);
            Zk.barrier(watcherClient);
            assertTrue(events.nodeEvents().isEmpty(), events::toString);
        } finally {
            Zk.closeQuietly(owner);
        }
    }
}
