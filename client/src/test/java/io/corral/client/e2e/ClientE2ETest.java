package io.corral.client.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.client.Acls;
import io.corral.client.ClientConfig;
import io.corral.client.ClientState;
import io.corral.client.CreatedNode;
import io.corral.client.DataAndStat;
import io.corral.client.Op;
import io.corral.client.OpResult;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.KeeperState;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Stat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client's requests and session handling against Apache ZooKeeper 3.9.3. */
@ExtendWith(ReferenceServerExtension.class)
class ClientE2ETest {
    static final ClientConfig CONFIG = ClientConfig.defaults()
            .withSessionTimeoutMs(10_000)
            .withReconnectDelayMaxMs(20)
            .withRequestTimeoutMs(10_000);

    private final List<ZkClient> clients = new ArrayList<>();
    private ReferenceServer server;
    private String root;

    @BeforeEach
    void setUp(ReferenceServer server) throws Exception {
        this.server = server;
        this.root = "/c-" + UUID.randomUUID().toString().substring(0, 8);
        open(new EventLog()).create(root, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ZkClient::close);
    }

    private ZkClient open(EventLog log) throws InterruptedException {
        return open(server.connectString(), log);
    }

    private ZkClient open(String connectString, EventLog log) throws InterruptedException {
        ZkClient zk = new ZkClient(connectString, CONFIG, log);
        clients.add(zk);
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)), "connected to " + connectString);
        return zk;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createReadUpdateListDelete() throws Exception {
        ZkClient zk = open(new EventLog());
        String a = root + "/a";
        assertEquals(a, zk.create(a, bytes("one"), Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT));
        DataAndStat read = zk.getData(a, false);
        assertArrayEquals(bytes("one"), read.data());
        assertEquals(0, read.stat().version());

        Stat updated = zk.setData(a, bytes("two"), 0);
        assertEquals(1, updated.version());
        ZkException stale = assertThrows(ZkException.class, () -> zk.setData(a, bytes("x"), 0));
        assertEquals(Code.BADVERSION, stale.code());
        assertEquals("KeeperErrorCode = BadVersion for " + a, stale.getMessage());

        zk.create(a + "/child", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        assertNull(zk.getData(a + "/child", false).data(), "no data is null, not empty");
        assertEquals(List.of("child"), zk.getChildren(a, false));
        assertEquals(1, zk.getChildrenWithStat(a, false).stat().numChildren());
        assertEquals(Code.NOTEMPTY, assertThrows(ZkException.class, () -> zk.delete(a, -1)).code());

        zk.delete(a + "/child", -1);
        zk.delete(a, 1);
        assertNull(zk.exists(a, false));
        ZkException missing = assertThrows(ZkException.class, () -> zk.getData(a, false));
        assertEquals(Code.NONODE, missing.code());
        assertEquals(a, missing.path());
    }

    @Test
    void createModes() throws Exception {
        ZkClient zk = open(new EventLog());
        String first = zk.create(root + "/seq-", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_SEQUENTIAL);
        assertEquals(root + "/seq-0000000000", first);
        assertEquals(root + "/seq-0000000001",
                zk.create(root + "/seq-", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_SEQUENTIAL));

        String eph = zk.create(root + "/eph", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);
        assertEquals(zk.sessionId(), zk.exists(eph, false).ephemeralOwner());
        assertEquals(Code.NOCHILDRENFOREPHEMERALS, assertThrows(ZkException.class,
                () -> zk.create(eph + "/x", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT)).code());

        String container = zk.create(root + "/box", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.CONTAINER);
        assertEquals(root + "/box", container);

        CreatedNode ttl = zk.create(root + "/ttl", bytes("t"), Acls.OPEN_ACL_UNSAFE,
                CreateFlags.PERSISTENT_WITH_TTL, 60_000);
        assertEquals(root + "/ttl", ttl.path());
        assertEquals(1, ttl.stat().dataLength());
        assertEquals(0, ttl.stat().ephemeralOwner(), "TTL nodes show no owner");

        assertThrows(IllegalArgumentException.class, () -> zk.create(root + "/bad", null, Acls.OPEN_ACL_UNSAFE,
                CreateFlags.PERSISTENT_WITH_TTL, 0));
        assertThrows(IllegalArgumentException.class,
                () -> zk.create("no-slash", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT));
        assertEquals(Code.INVALIDACL, assertThrows(ZkException.class,
                () -> zk.create(root + "/noacl", null, List.of(), CreateFlags.PERSISTENT)).code());
    }

    @Test
    void multiIsAllOrNothing() throws Exception {
        ZkClient zk = open(new EventLog());
        List<OpResult> results = zk.multi(List.of(
                Op.create(root + "/m1", bytes("1"), Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT),
                Op.create(root + "/m2", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT),
                Op.setData(root + "/m1", bytes("2"), 0),
                Op.check(root + "/m2", 0),
                Op.delete(root + "/m2", 0)));
        assertEquals(new OpResult.Create(root + "/m1", null), results.get(0));
        assertInstanceOf(OpResult.SetData.class, results.get(2));
        assertEquals(new OpResult.Check(), results.get(3));
        assertEquals(new OpResult.Delete(), results.get(4));

        ZkException failed = assertThrows(ZkException.class, () -> zk.multi(List.of(
                Op.create(root + "/m3", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT),
                Op.delete(root + "/nope", -1),
                Op.setData(root + "/m1", bytes("3"), -1))));
        assertEquals(Code.NONODE, failed.code());
        assertEquals(root + "/nope", failed.path());
        assertEquals(List.of(new OpResult.Error(Code.OK), new OpResult.Error(Code.NONODE),
                new OpResult.Error(Code.RUNTIMEINCONSISTENCY)), failed.results());
        assertNull(zk.exists(root + "/m3", false), "nothing of a failed multi is applied");
        assertEquals(List.of(), zk.multi(List.of()));
    }

    @Test
    void aclsAndDigestAuth() throws Exception {
        ZkClient owner = open(new EventLog());
        owner.addAuth("digest", bytes("bob:secret"));
        String secret = root + "/secret";
        owner.create(secret, bytes("s"), Acls.CREATOR_ALL_ACL, CreateFlags.PERSISTENT);
        List<ACL> acl = owner.getACL(secret).acl();
        assertEquals(1, acl.size());
        assertEquals("digest", acl.get(0).id().scheme());
        assertTrue(acl.get(0).id().id().startsWith("bob:"));
        assertTrue(owner.whoAmI().contains(new ClientInfo("digest", "bob")));

        ZkClient stranger = open(new EventLog());
        assertEquals(Code.NOAUTH, assertThrows(ZkException.class, () -> stranger.getData(secret, false)).code());

        Stat stat = owner.setACL(secret, List.of(new ACL(Perms.READ, Acls.ANYONE)), 0);
        assertEquals(1, stat.aversion());
        assertArrayEquals(bytes("s"), stranger.getData(secret, false).data());
    }

    @Test
    void wrongCredentialsKillTheClient() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(log);
        ZkException e = assertThrows(ZkException.class, () -> zk.addAuth("nosuchscheme", bytes("x")));
        assertEquals(Code.AUTHFAILED, e.code());
        log.await(EventLog.state(KeeperState.AUTH_FAILED), "AuthFailed event");
        assertEquals(ClientState.AUTH_FAILED, zk.state());
        assertEquals(Code.AUTHFAILED, assertThrows(ZkException.class, () -> zk.exists("/", false)).code());
    }

    @Test
    void smallerRequests() throws Exception {
        ZkClient zk = open(new EventLog());
        assertEquals(root, zk.sync(root));
        zk.create(root + "/e1", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);
        zk.create(root + "/p", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        zk.create(root + "/p/e2", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);
        assertEquals(List.of(root + "/e1", root + "/p/e2"), zk.getEphemerals(root).stream().sorted().toList());
        assertEquals(List.of(root + "/p/e2"), zk.getEphemerals(root + "/p"));
        assertEquals(3, zk.getAllChildrenNumber(root));
        DataAndStat config = zk.getConfig(false);
        assertEquals(-1, config.stat().aversion());
        assertTrue(zk.whoAmI().stream().anyMatch(i -> i.authScheme().equals("ip")));
    }

    @Test
    void closeEndsTheSessionAndItsEphemerals() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = open(log);
        zk.create(root + "/mine", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.EPHEMERAL);
        zk.close();
        assertEquals(KeeperState.CLOSED, log.events().get(log.events().size() - 1).state(),
                "Closed is delivered before close() returns");
        assertEquals(ClientState.CLOSED, zk.state());
        assertEquals(Code.SESSIONEXPIRED, assertThrows(ZkException.class, () -> zk.exists("/", false)).code());
        assertNull(open(new EventLog()).exists(root + "/mine", false));
    }

    @Test
    void oversizedRequestIsRefusedWithoutLosingTheConnection() throws Exception {
        ZkClient zk = new ZkClient(server.connectString(), CONFIG.withMaxFrameSize(4096), null);
        clients.add(zk);
        zk.create(root + "/big", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
        ZkException e = assertThrows(ZkException.class, () -> zk.setData(root + "/big", new byte[5000], -1));
        assertEquals(Code.MARSHALLINGERROR, e.code());
        zk.setData(root + "/big", new byte[1000], -1);
        assertEquals(ClientState.CONNECTED, zk.state());
    }

    @Test
    void shortSessionStaysAliveOnPingsAlone() throws Exception {
        EventLog log = new EventLog();
        ZkClient zk = new ZkClient(server.connectString(), CONFIG.withSessionTimeoutMs(2_000), log);
        clients.add(zk);
        assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
        assertEquals(2_000, zk.negotiatedTimeoutMs());
        // Without pings the client would give up on the connection after 1.33 s and the server on the session
        // after 2 s; watch it stay up longer than both.
        long session = zk.sessionId();
        org.awaitility.Awaitility.await("the idle session to stay connected")
                .during(Duration.ofMillis(3_000))
                .atMost(Duration.ofSeconds(5))
                .until(() -> log.count(EventLog.state(KeeperState.DISCONNECTED)) == 0);
        assertNotEquals(null, zk.exists(root, false));
        assertEquals(session, zk.sessionId());
    }
}
