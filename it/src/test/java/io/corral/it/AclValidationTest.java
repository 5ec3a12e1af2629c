package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;
import io.corral.it.support.Zk;

/**
 * Bad input to the ACL machinery: invalid ACL ids and lists (INVALIDACL), auth packets of unknown schemes or that
 * no scheme accepts (AUTHFAILED, then the connection closes), creator ACLs without an identity. The server keeps
 * serving every other session throughout.
 */
class AclValidationTest {
    private static ServerProcess server;
    private static ZooKeeper anonymous;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(AclValidationTest.class).start();
        anonymous = Zk.connect(server.connectString());
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(anonymous);
        if (server != null) {
            server.stop();
        }
    }

    private static List<ACL> acl(String scheme, String id) {
        return new ArrayList<>(List.of(new ACL(Perms.ALL, new Id(scheme, id))));
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "world, nobody",
        "digest, bob",
        "digest, bob:",
        "digest, bob:hash:extra",
        "ip, 300.1.1.1",
        "ip, 10.0.0.0/33",
        "ip, 10.0.0",
        "ip, localhost",
        "no-such-scheme, x",
        "super, ''",
        "x509, not a distinguished name",
    })
    void invalidIdsGiveInvalidAclOnCreateAndSetAcl(String scheme, String id) throws Exception {
        assertCode(Code.INVALIDACL, () -> anonymous.create("/bad-acl", null, acl(scheme, id), CreateMode.PERSISTENT));
        Zk.createPersistent(anonymous, "/target-" + Math.abs((scheme + id).hashCode()));
        assertCode(Code.INVALIDACL, () -> anonymous.setACL("/target-" + Math.abs((scheme + id).hashCode()), acl(scheme, id), -1));
        assertNotNull(anonymous.exists("/", false), "the server keeps serving");
    }

    @Test
    void anEmptyListIsInvalid() {
        assertCode(Code.INVALIDACL, () -> anonymous.create("/empty-acl", null, new ArrayList<>(), CreateMode.PERSISTENT));
    }

    @Test
    void aCreatorAclWithoutAnAuthenticatedIdIsInvalid() {
        assertCode(Code.INVALIDACL, () -> anonymous.create("/creator", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
    }

    @Test
    void aCreatorAclExpandsToEveryDigestIdOfTheSession() throws Exception {
        ZooKeeper both = Zk.connect(server.connectString());
        try {
            both.addAuthInfo("digest", "ann:one".getBytes(StandardCharsets.UTF_8));
            both.addAuthInfo("digest", "ben:two".getBytes(StandardCharsets.UTF_8));
            both.create("/both", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            List<ACL> stored = both.getACL("/both", new Stat());
            assertEquals(List.of(new ACL(Perms.ALL, new Id("digest", AclPermissionsTest.digestId("ann:one"))),
                    new ACL(Perms.ALL, new Id("digest", AclPermissionsTest.digestId("ben:two")))), stored);
        } finally {
            Zk.closeQuietly(both);
        }
    }

    @Test
    void validAclsOfEverySchemeAreAccepted() throws Exception {
        List<ACL> all = new ArrayList<>(List.of(
                new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE),
                new ACL(Perms.ALL, new Id("digest", "bob:abc=")),
                new ACL(Perms.ALL, new Id("ip", "192.168.0.0/16")),
                new ACL(Perms.ALL, new Id("ip", "10.1.2.3"))));
        anonymous.create("/all-good", null, all, CreateMode.PERSISTENT);
        List<ACL> masked = new ArrayList<>(all);
        masked.set(1, new ACL(Perms.ALL, new Id("digest", "bob:x"))); // read without ADMIN: the hash is masked
        assertEquals(masked, anonymous.getACL("/all-good", new Stat()));
    }

    @Test
    void ipv6AclsAreValidInCorralOnly() throws Exception {
        List<ACL> v6 = acl("ip", "2001:db8::/32");
        if (Target.current() == Target.ZOOKEEPER) {
            // ZooKeeper 3.9.3's ip scheme parses IPv4 only.
            assertCode(Code.INVALIDACL, () -> anonymous.create("/v6", null, v6, CreateMode.PERSISTENT));
        } else {
            anonymous.create("/v6", null, v6, CreateMode.PERSISTENT);
            assertCode(Code.NOAUTH, () -> anonymous.getData("/v6", false, null));
        }
    }

    @Test
    void anUnknownSchemeFailsTheAuthAndOnlyThatSession() throws Exception {
        EventRecorder events = new EventRecorder("unknown-scheme");
        ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
        try {
            zk.addAuthInfo("no-such-scheme", "x".getBytes(StandardCharsets.UTF_8));
            events.awaitState(KeeperState.AuthFailed);
            assertCode(Code.AUTHFAILED, () -> zk.getData("/", false, null));
        } finally {
            Zk.closeQuietly(zk);
        }
        assertNotNull(anonymous.exists("/", false), "other sessions are unaffected");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no-such-scheme", "super", "world"})
    void onTheWireAFailedAuthRepliesAuthFailedThenCloses(String scheme) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            raw.send(-4, OpCode.auth, new AuthPacket(0, scheme, "super:superpw".getBytes(StandardCharsets.UTF_8)));
            RawClient.Reply reply = raw.readReply();
            assertEquals(-4, reply.header.getXid());
            assertEquals(0, reply.header.getZxid());
            assertEquals(Code.AUTHFAILED.intValue(), reply.err());
            assertTrue(raw.awaitClosed(Duration.ofSeconds(10)), "the server closes the connection after AUTHFAILED");
        }
        assertNotNull(anonymous.exists("/", false));
    }

    @Test
    void digestCredentialsWithoutAColonAuthenticateAsZooKeeperDoes() throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        try {
            zk.addAuthInfo("digest", "nocolon".getBytes(StandardCharsets.UTF_8));
            List<ClientInfo> who = zk.whoAmI();
            assertTrue(who.contains(new ClientInfo("digest", "nocolon")), who::toString);
            zk.create("/nocolon", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            assertEquals(List.of(new ACL(Perms.ALL, new Id("digest", "nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g="))),
                    zk.getACL("/nocolon", new Stat()));
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void aWrongPasswordAuthenticatesButMatchesNothing() throws Exception {
        ZooKeeper owner = Zk.connect(server.connectString());
        ZooKeeper wrong = Zk.connect(server.connectString());
        try {
            owner.addAuthInfo("digest", "carol:right".getBytes(StandardCharsets.UTF_8));
            owner.create("/carols", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            wrong.addAuthInfo("digest", "carol:wrong".getBytes(StandardCharsets.UTF_8));
            assertCode(Code.NOAUTH, () -> wrong.getData("/carols", false, null));
            assertNotNull(wrong.exists("/", false), "no AUTHFAILED: the session goes on, without access");
        } finally {
            Zk.closeQuietly(owner, wrong);
        }
    }
}
