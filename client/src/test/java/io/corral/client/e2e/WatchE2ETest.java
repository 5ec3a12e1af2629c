package io.corral.client.e2e;

import static io.corral.client.e2e.EventLog.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.client.Acls;
import io.corral.client.Op;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.EventType;
import io.corral.protocol.WatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Watches of every kind firing from the reference server, and a chroot applied to paths both ways. */
@ExtendWith(ReferenceServerExtension.class)
class WatchE2ETest {
    private final List<ZkClient> clients = new ArrayList<>();
    private ReferenceServer server;
    private String root;
    private ZkClient writer;

    @BeforeEach
    void setUp(ReferenceServer server) throws Exception {
        this.server = server;
        this.root = "/w-" + UUID.randomUUID().toString().substring(0, 8);
        writer = open(server.connectString(), new EventLog());
        writer.create(root, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ZkClient::close);
    }

    private ZkClient open(String connectString, EventLog log) throws InterruptedException {
        ZkClient zk = new ZkClient(connectString, ClientE2ETest.CONFIG, log);
        clients.add(zk);
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
        return zk;
    }

    @Test
    void oneShotWatchesFireOnceEach() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(server.connectString(), log);
        String a = root + "/a";
        writer.create(a, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);

        zk.getData(a, true);
        zk.getChildren(root, true);
        assertNull(zk.exists(root + "/later", true));

        writer.setData(a, new byte[] {1}, -1);
        writer.setData(a, new byte[] {2}, -1);
        writer.create(root + "/later", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);

        log.await(node(EventType.NODE_DATA_CHANGED, a), "data watch");
        log.await(node(EventType.NODE_CREATED, root + "/later"), "exist watch");
        log.await(node(EventType.NODE_CHILDREN_CHANGED, root), "child watch");
        // A further change after those arrived must not produce a second event from the spent watches.
        zk.getData(root + "/later", true);
        writer.delete(root + "/later", -1);
        log.await(node(EventType.NODE_DELETED, root + "/later"), "delete on a data watch");
        assertEquals(1, log.count(node(EventType.NODE_DATA_CHANGED, a)));
        assertEquals(1, log.count(node(EventType.NODE_CHILDREN_CHANGED, root)));
        assertTrue(log.events().stream().filter(e -> e.type() != EventType.NONE).allMatch(e -> e.zxid() > 0),
                "server events carry the zxid of their change");
    }

    @Test
    void persistentAndRecursiveWatchesStay() throws Exception {
        EventLog exact = new EventLog();
        EventLog tree = new EventLog();
        ZkClient zk = open(server.connectString(), new EventLog());
        zk.addWatch(root, exact, AddWatchMode.PERSISTENT);
        zk.addWatch(root, tree, AddWatchMode.PERSISTENT_RECURSIVE);

        writer.create(root + "/x", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        writer.create(root + "/x/y", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        writer.setData(root + "/x/y", new byte[1], -1);
        writer.setData(root, new byte[1], -1);
        writer.setData(root, new byte[2], -1);

        tree.await(node(EventType.NODE_DATA_CHANGED, root + "/x/y"), "recursive watch below");
        tree.awaitCount(2, node(EventType.NODE_DATA_CHANGED, root), "recursive watch on the root, twice");
        exact.awaitCount(2, node(EventType.NODE_DATA_CHANGED, root), "persistent watch, twice");
        exact.await(node(EventType.NODE_CHILDREN_CHANGED, root), "persistent watch sees child changes");
        assertEquals(0, tree.count(e -> e.type() == EventType.NODE_CHILDREN_CHANGED));
        assertEquals(0, exact.count(node(EventType.NODE_CREATED, root + "/x/y")));

        zk.removeWatches(root, exact, WatcherType.PERSISTENT, false);
        exact.await(node(EventType.PERSISTENT_WATCH_REMOVED, root), "removal event");
        assertEquals(Code.NOWATCHER, assertThrows(ZkException.class,
                () -> zk.removeWatches(root, exact, WatcherType.PERSISTENT, false)).code());
    }

    @Test
    void removeWatchesTellsTheWatchers() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(server.connectString(), log);
        zk.getData(root, true);
        zk.getChildren(root, true);
        zk.removeWatches(root, null, WatcherType.ANY, false);
        log.await(node(EventType.DATA_WATCH_REMOVED, root), "data removal");
        log.await(node(EventType.CHILD_WATCH_REMOVED, root), "child removal");
        writer.setData(root, new byte[1], -1);
        writer.create(root + "/z", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        // The removed watches must stay silent: a later watch set after the writes sees the writes' effects only.
        zk.exists(root + "/z", true);
        writer.delete(root + "/z", -1);
        log.await(node(EventType.NODE_DELETED, root + "/z"), "a fresh watch still works");
        assertEquals(0, log.count(node(EventType.NODE_DATA_CHANGED, root)));
        assertEquals(0, log.count(node(EventType.NODE_CHILDREN_CHANGED, root)));
    }

    @Test
    void chrootMapsPathsBothWays() throws Exception {
        EventLog log = new EventLog();
        ZkClient jailed = open(server.connectString() + root, log);
        assertEquals(List.of(), jailed.getChildren("/", false));

        assertEquals("/a", jailed.create("/a", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT));
        assertTrue(writer.exists(root + "/a", false) != null, "created under the chroot on the server");
        assertEquals("/s0000000001",
                jailed.create("/s", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_SEQUENTIAL));
        assertEquals("/c", jailed.create("/c", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT, -1).path());
        assertEquals("/e", jailed.create("/e", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL));
        assertEquals(List.of("/e"), jailed.getEphemerals("/"));
        assertEquals("/a", jailed.sync("/a"));

        List<io.corral.client.OpResult> results = jailed.multi(List.of(
                Op.create("/m", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_SEQUENTIAL)));
        assertEquals(new io.corral.client.OpResult.Create("/m0000000004", null), results.get(0));

        jailed.getData("/a", true);
        jailed.addWatch("/", AddWatchMode.PERSISTENT_RECURSIVE);
        writer.setData(root + "/a", new byte[1], -1);
        log.await(node(EventType.NODE_DATA_CHANGED, "/a"), "data watch, chroot stripped");
        // The same watcher holds both watches, so it hears that change once; the recursive one stays.
        writer.setData(root + "/a", new byte[2], -1);
        writer.create(root + "/a/deep", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        log.awaitCount(2, node(EventType.NODE_DATA_CHANGED, "/a"), "recursive watch, chroot stripped");
        log.await(node(EventType.NODE_CREATED, "/a/deep"), "recursive watch below, chroot stripped");
        assertEquals(0, log.count(e -> e.path() != null && e.path().startsWith(root)));

        ZkException missing = assertThrows(ZkException.class, () -> jailed.getData("/nope", false));
        assertEquals("/nope", missing.path(), "errors name the caller's path");
        assertEquals(-1, jailed.getConfig(false).stat().aversion(), "the config node is outside the chroot");
    }
}
