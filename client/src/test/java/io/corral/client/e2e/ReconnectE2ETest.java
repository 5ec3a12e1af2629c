package io.corral.client.e2e;

import static io.corral.client.e2e.EventLog.node;
import static io.corral.client.e2e.EventLog.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.client.Acls;
import io.corral.client.ClientState;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;
import io.corral.protocol.data.ClientInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections broken by a proxy between the client and the reference server: the session survives, watches and
 * credentials are restored, and what changed meanwhile is reported; a session closed meanwhile is reported expired.
 */
@ExtendWith(ReferenceServerExtension.class)
class ReconnectE2ETest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ReferenceServer server;
    private TcpProxy proxy;
    private ZkClient direct;
    private String root;

    @BeforeEach
    void setUp(ReferenceServer server) throws Exception {
        this.server = server;
        this.proxy = new TcpProxy(ReferenceServer.HOST, server.port());
        resources.add(proxy);
        this.root = "/r-" + UUID.randomUUID().toString().substring(0, 8);
        direct = open(server.connectString(), new EventLog());
        direct.create(root, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ZkClient open(String connectString, EventLog log) throws InterruptedException {
        ZkClient zk = new ZkClient(connectString, ClientE2ETest.CONFIG, log);
        resources.add(zk);
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
        return zk;
    }

    /** Breaks the connection and keeps the client out until {@link #letBackIn}. */
    private void cutOff(EventLog log) {
        proxy.refuse(true);
        proxy.dropAll();
        log.await(state(KeeperState.DISCONNECTED), "Disconnected");
    }

    private void letBackIn(EventLog log, ZkClient zk, int connectedEvents) throws InterruptedException {
        proxy.refuse(false);
        log.awaitCount(connectedEvents, state(KeeperState.SYNC_CONNECTED), "SyncConnected again");
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
    }

    @Test
    void sessionAndWatchesSurviveAndMissedChangesAreReported() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(proxy.connectString(), log);
        long session = zk.sessionId();
        String data = root + "/data";
        String born = root + "/born";
        String tree = root + "/tree";
        direct.create(data, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        direct.create(tree, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        zk.create(root + "/mine", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);

        zk.getData(data, true);
        zk.getChildren(root, true);
        assertNull(zk.exists(born, true));
        zk.addWatch(tree, AddWatchMode.PERSISTENT_RECURSIVE);

        cutOff(log);
        assertEquals(ClientState.CONNECTING, zk.state());
        assertEquals(Code.CONNECTIONLOSS, assertThrows(ZkException.class, () -> zk.exists(root, false)).code(),
                "a request while no server is reachable fails once every server was tried");
        direct.setData(data, new byte[] {1}, -1);
        direct.create(born, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        letBackIn(log, zk, 2);

        assertEquals(session, zk.sessionId(), "the same session");
        log.await(node(EventType.NODE_DATA_CHANGED, data), "missed data change, from SetWatches");
        log.await(node(EventType.NODE_CREATED, born), "missed create, from SetWatches");
        log.await(node(EventType.NODE_CHILDREN_CHANGED, root), "missed child change, from SetWatches");
        assertTrue(direct.exists(root + "/mine", false) != null, "the ephemeral survived the reconnect");

        direct.create(tree + "/leaf", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        log.await(node(EventType.NODE_CREATED, tree + "/leaf"), "the persistent watch was re-registered");
        assertEquals(1, log.count(node(EventType.NODE_DATA_CHANGED, data)));
    }

    @Test
    void watchesWithNothingMissedAreReRegisteredQuietly() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(proxy.connectString() + root, log);
        direct.create(root + "/q", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        zk.getData("/q", true);
        cutOff(log);
        letBackIn(log, zk, 2);
        assertEquals(0, log.count(node(EventType.NODE_DATA_CHANGED, "/q")));
        direct.setData(root + "/q", new byte[1], -1);
        log.await(node(EventType.NODE_DATA_CHANGED, "/q"), "re-registered watch, under the chroot");
    }

    @Test
    void credentialsAreSentAgainAfterReconnect() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(proxy.connectString(), log);
        zk.addAuth("digest", "ann:pw".getBytes(StandardCharsets.UTF_8));
        String secret = root + "/secret";
        zk.create(secret, "s".getBytes(StandardCharsets.UTF_8), Acls.CREATOR_ALL_ACL, CreateFlags.PERSISTENT);

        proxy.dropAll();
        log.await(state(KeeperState.DISCONNECTED), "Disconnected");
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
        assertTrue(proxy.accepted() >= 2, "it really is a new connection");

        assertArrayEquals("s".getBytes(StandardCharsets.UTF_8), zk.getData(secret, false).data());
        assertTrue(zk.whoAmI().contains(new ClientInfo("digest", "ann")));
    }

    @Test
    void sessionClosedWhileAwayIsReportedExpired() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(proxy.connectString(), log);
        zk.create(root + "/gone", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);
        cutOff(log);

        // Another client takes the session over and ends it, as an expiry on the server would.
        try (ZkClient thief = ZkClient.resume(server.connectString(), ClientE2ETest.CONFIG, null,
                zk.sessionId(), zk.sessionPassword())) {
            assertTrue(thief.awaitConnected(Duration.ofSeconds(10)));
        }
        proxy.refuse(false);
        log.await(state(KeeperState.EXPIRED), "Expired");
        assertEquals(ClientState.CLOSED, zk.state());
        assertEquals(Code.SESSIONEXPIRED, assertThrows(ZkException.class, () -> zk.exists("/", false)).code());
        assertNull(direct.exists(root + "/gone", false));
    }
}
