package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.AuthPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** Digest authentication, ACL enforcement with ZooKeeper's codes, unknown schemes. */
class AuthTest {

    private static ServerProcess server;
    private static ZooKeeper anonymous;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(AuthTest.class).start();
        anonymous = Zk.connect(server.connectString());
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(anonymous);
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The id the digest scheme derives from "user:password": user:base64(sha1("user:password")). */
    private static String digestId(String userColonPassword) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(bytes(userColonPassword));
        return userColonPassword.substring(0, userColonPassword.indexOf(':')) + ":" + Base64.getEncoder().encodeToString(sha1);
    }

    private static ZooKeeper authed(String userColonPassword) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        zk.addAuthInfo("digest", bytes(userColonPassword));
        return zk;
    }

    @Test
    void creatorAllAclProtectsTheNodeFromOtherSessions() throws Exception {
        ZooKeeper alice = authed("alice:secret");
        ZooKeeper aliceAgain = authed("alice:secret");
        ZooKeeper mallory = authed("alice:wrong");
        try {
            alice.create("/secret", bytes("s3cr3t"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            Stat stat = new Stat();
            List<ACL> acl = alice.getACL("/secret", stat);
            assertEquals(List.of(new ACL(Perms.ALL, new Id("digest", digestId("alice:secret")))), acl,
                    "auth:\"\" is replaced by the session's digest id");

            assertCode(Code.NOAUTH, () -> anonymous.getData("/secret", false, null));
            assertCode(Code.NOAUTH, () -> anonymous.setData("/secret", bytes("x"), -1));
            assertCode(Code.NOAUTH, () -> anonymous.getChildren("/secret", false));
            assertCode(Code.NOAUTH, () -> anonymous.create("/secret/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            assertCode(Code.NOAUTH, () -> anonymous.setACL("/secret", Ids.OPEN_ACL_UNSAFE, -1));
            assertCode(Code.NOAUTH, () -> mallory.getData("/secret", false, null));

            assertArrayEquals(bytes("s3cr3t"), aliceAgain.getData("/secret", false, null), "same credentials, other session");
            aliceAgain.setData("/secret", bytes("new"), -1);
            assertArrayEquals(bytes("new"), alice.getData("/secret", false, null));
            aliceAgain.create("/secret/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertNotNull(anonymous.exists("/secret/kid", false), "the child's own ACL is open");
        } finally {
            Zk.closeQuietly(alice, aliceAgain, mallory);
        }
    }

    @Test
    void creatorAllAclWithoutAnyAuthenticatedIdIsInvalidAcl() throws Exception {
        assertCode(Code.INVALIDACL, () -> anonymous.create("/no-auth-creator", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
    }

    @Test
    void permissionBitsAreCheckedPerOperation() throws Exception {
        // world may only read and create below /perm; deleting children needs DELETE on the parent
        List<ACL> readCreate = new ArrayList<>(List.of(new ACL(Perms.READ | Perms.CREATE, Ids.ANYONE_ID_UNSAFE)));
        anonymous.create("/perm", bytes("p"), readCreate, CreateMode.PERSISTENT);
        anonymous.create("/perm/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(bytes("p"), anonymous.getData("/perm", false, null));
        assertCode(Code.NOAUTH, () -> anonymous.setData("/perm", bytes("x"), -1));
        assertCode(Code.NOAUTH, () -> anonymous.delete("/perm/kid", -1));
        assertCode(Code.NOAUTH, () -> anonymous.setACL("/perm", Ids.OPEN_ACL_UNSAFE, -1));
        anonymous.setData("/perm/kid", bytes("fine"), -1);

        anonymous.create("/readonly", bytes("r"), Ids.READ_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertCode(Code.NOAUTH, () -> anonymous.setData("/readonly", bytes("x"), -1));
        assertCode(Code.NOAUTH, () -> anonymous.create("/readonly/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertArrayEquals(bytes("r"), anonymous.getData("/readonly", false, null));
    }

    @Test
    void ipAclMatchesTheClientAddress() throws Exception {
        anonymous.create("/ip-local", bytes("l"), new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("ip", "127.0.0.1")))),
                CreateMode.PERSISTENT);
        anonymous.create("/ip-net", bytes("n"), new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("ip", "127.0.0.0/8")))),
                CreateMode.PERSISTENT);
        anonymous.create("/ip-other", bytes("o"), new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("ip", "10.1.2.3")))),
                CreateMode.PERSISTENT);
        assertArrayEquals(bytes("l"), anonymous.getData("/ip-local", false, null));
        assertArrayEquals(bytes("n"), anonymous.getData("/ip-net", false, null));
        assertCode(Code.NOAUTH, () -> anonymous.getData("/ip-other", false, null));
    }

    @Test
    void explicitDigestAclWorksForTheMatchingUserOnly() throws Exception {
        List<ACL> acl = new ArrayList<>(List.of(
                new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE),
                new ACL(Perms.ALL, new Id("digest", digestId("bob:pw")))));
        anonymous.create("/bobs", bytes("b"), acl, CreateMode.PERSISTENT);
        assertArrayEquals(bytes("b"), anonymous.getData("/bobs", false, null));
        assertCode(Code.NOAUTH, () -> anonymous.setData("/bobs", bytes("x"), -1));
        ZooKeeper bob = authed("bob:pw");
        try {
            bob.setData("/bobs", bytes("x"), -1);
            assertEquals(acl, bob.getACL("/bobs", new Stat()));
        } finally {
            Zk.closeQuietly(bob);
        }
    }

    @Test
    void unknownAuthSchemeGivesAuthFailed() throws Exception {
        EventRecorder events = new EventRecorder("authfail");
        ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
        try {
            zk.addAuthInfo("no-such-scheme", bytes("whatever"));
            events.awaitState(KeeperState.AuthFailed);
        } finally {
            Zk.closeQuietly(zk);
        }
        assertNotNull(anonymous.exists("/", false), "other sessions are unaffected");
    }

    @Test
    void authFailureOnTheWireRepliesAuthFailedThenCloses() throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            raw.send(-4, OpCode.auth, new AuthPacket(0, "no-such-scheme", bytes("x")));
            RawClient.Reply reply = raw.readReply();
            assertEquals(-4, reply.header.getXid());
            assertEquals(Code.AUTHFAILED.intValue(), reply.err());
            assertTrue(raw.awaitClosed(Duration.ofSeconds(10)));
        }
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            raw.send(-4, OpCode.auth, new AuthPacket(0, "digest", bytes("carol:pw")));
            RawClient.Reply reply = raw.readReply();
            assertEquals(-4, reply.header.getXid());
            assertEquals(0, reply.err());
        }
    }

    @Test
    void whoAmIListsIpAndDigestIdentities() throws Exception {
        ZooKeeper dave = authed("dave:pw");
        try {
            dave.exists("/", false); // the auth packet went out before this request
            List<ClientInfo> infos = dave.whoAmI();
            assertTrue(infos.stream().anyMatch(i -> "ip".equals(i.getAuthScheme()) && "127.0.0.1".equals(i.getUser())), infos::toString);
            assertTrue(infos.stream().anyMatch(i -> "digest".equals(i.getAuthScheme()) && "dave".equals(i.getUser())), infos::toString);
            assertEquals(2, infos.size(), infos::toString);
        } finally {
            Zk.closeQuietly(dave);
        }
        List<ClientInfo> anon = anonymous.whoAmI();
        assertEquals(1, anon.size(), anon::toString);
        assertEquals("ip", anon.get(0).getAuthScheme());
    }

    @Test
    void getAclWithoutAdminMasksDigestIds() throws Exception {
        ZooKeeper erin = authed("erin:pw");
        try {
            List<ACL> acl = new ArrayList<>(List.of(
                    new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE),
                    new ACL(Perms.ALL, new Id("digest", digestId("erin:pw")))));
            erin.create("/masked", null, acl, CreateMode.PERSISTENT);
            List<ACL> seen = anonymous.getACL("/masked", new Stat());
            assertEquals(List.of(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, new Id("digest", "erin:x"))), seen);
            assertEquals(acl, erin.getACL("/masked", new Stat()), "the admin sees the real ids");
        } finally {
            Zk.closeQuietly(erin);
        }
    }
}
