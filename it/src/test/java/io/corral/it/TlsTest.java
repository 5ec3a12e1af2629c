package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLSocket;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.TlsSetup;
import io.corral.it.support.Zk;

/**
 * The secure client port beside the plain one, driven by the Apache ZooKeeper client over Netty with
 * {@code zookeeper.client.secure=true}: client certificates required, the x509 id granted at the handshake, x509
 * ACLs, the x509 super user, TLS 1.2 and 1.3. Certificates come from a CA made for the test.
 */
class TlsTest {
    static final String ALICE = "CN=alice,O=Example";
    static final String BOB = "CN=bob,O=Example";
    static final String ADMIN = "CN=admin,O=Example";

    private static Path dir;
    private static TlsSetup tls;
    private static ServerProcess server;
    private static ZooKeeper alice;
    private static ZooKeeper bob;
    private static ZooKeeper plain;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("corral-it-tls-");
        tls = new TlsSetup(dir, "PKCS12");
        server = tls.apply(ServerProcess.builder(TlsTest.class))
                .set("ssl.enabledProtocols", "TLSv1.3,TLSv1.2") // without it only ssl.protocol (TLSv1.3) is on
                .jvmArg("-Dzookeeper.X509AuthenticationProvider.superUser=" + ADMIN)
                .start();
        alice = tls.connect(ALICE);
        bob = tls.connect(BOB);
        plain = Zk.connect(server.connectString());
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(alice, bob, plain);
        if (server != null) {
            server.stop();
        }
        ServerProcess.deleteRecursively(dir);
    }

    private static List<ACL> only(int perms, String dn) {
        return new ArrayList<>(List.of(new ACL(perms, new Id("x509", dn))));
    }

    @Test
    void theCertificateIsTheSessionsX509Identity() throws Exception {
        List<ClientInfo> who = alice.whoAmI();
        assertTrue(who.contains(new ClientInfo("x509", ALICE)), who::toString);
        assertTrue(who.contains(new ClientInfo("ip", "127.0.0.1")), who::toString);
        assertEquals(2, who.size(), who::toString);
    }

    @Test
    void anX509AclAllowsItsCertificateAndNoOneElse() throws Exception {
        alice.create("/alice-only", "a".getBytes(StandardCharsets.UTF_8), only(Perms.ALL, ALICE), CreateMode.PERSISTENT);
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), alice.getData("/alice-only", false, null));
        alice.setData("/alice-only", "b".getBytes(StandardCharsets.UTF_8), -1);
        assertCode(Code.NOAUTH, () -> bob.getData("/alice-only", false, null));
        assertCode(Code.NOAUTH, () -> bob.setData("/alice-only", null, -1));
        assertCode(Code.NOAUTH, () -> plain.getData("/alice-only", false, null));
        assertCode(Code.NOAUTH, () -> plain.create("/alice-only/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Test
    void anX509EntryGrantsOnlyItsPermissions() throws Exception {
        alice.create("/alice-reads", "r".getBytes(StandardCharsets.UTF_8), only(Perms.READ, ALICE), CreateMode.PERSISTENT);
        assertNotNull(alice.getData("/alice-reads", false, null));
        assertCode(Code.NOAUTH, () -> alice.setData("/alice-reads", null, -1));
        assertCode(Code.NOAUTH, () -> alice.create("/alice-reads/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertCode(Code.NOAUTH, () -> alice.setACL("/alice-reads", Ids.OPEN_ACL_UNSAFE, -1));
    }

    @ParameterizedTest(name = "x509 entry with perms {0}")
    @ValueSource(ints = {Perms.READ, Perms.WRITE, Perms.CREATE, Perms.DELETE, Perms.ADMIN})
    void eachOperationNeedsItsPermission(int perm) throws Exception {
        String node = "/x509-" + perm;
        ZooKeeper admin = tls.connect(ADMIN);
        try {
            admin.create(node, "d".getBytes(StandardCharsets.UTF_8), only(perm, ALICE), CreateMode.PERSISTENT);
            admin.create(node + "/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            for (AclPermissionsTest.Op op : AclPermissionsTest.Op.values()) {
                boolean allowed = (op.needs & perm) != 0;
                AclPermissionsTest.check(alice, op, node, allowed ? Code.OK : Code.NOAUTH, "alice", admin);
                AclPermissionsTest.check(bob, op, node, Code.NOAUTH, "bob", admin);
                AclPermissionsTest.check(plain, op, node, Code.NOAUTH, "plain", admin);
                AclPermissionsTest.check(admin, op, node, Code.OK, "x509 super user", admin);
            }
        } finally {
            Zk.closeQuietly(admin);
        }
    }

    @Test
    void aCreatorAclNamesTheCertificate() throws Exception {
        bob.create("/bobs", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        assertEquals(only(Perms.ALL, BOB), bob.getACL("/bobs", new Stat()));
        assertCode(Code.NOAUTH, () -> alice.getData("/bobs", false, null));
    }

    @Test
    void theX509SuperUserPassesEveryCheck() throws Exception {
        alice.create("/alice-private", "p".getBytes(StandardCharsets.UTF_8), only(Perms.ALL, ALICE), CreateMode.PERSISTENT);
        ZooKeeper admin = tls.connect(ADMIN);
        try {
            assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), admin.getData("/alice-private", false, null));
            admin.create("/alice-private/by-admin", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            admin.delete("/alice-private/by-admin", -1);
            admin.setACL("/alice-private", only(Perms.ALL, ALICE), -1);
            List<ClientInfo> who = admin.whoAmI();
            assertTrue(who.stream().anyMatch(i -> i.getAuthScheme().equals("super")), who::toString);
        } finally {
            Zk.closeQuietly(admin);
        }
    }

    @Test
    void anX509AuthPacketWorksOnTheSecurePortOnly() throws Exception {
        alice.addAuthInfo("x509", new byte[0]);
        assertNotNull(alice.exists("/", false));
        EventRecorder events = new EventRecorder("plain-x509");
        ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
        try {
            zk.addAuthInfo("x509", new byte[0]);
            events.awaitState(KeeperState.AuthFailed);
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void largeValuesCrossManyTlsRecords() throws Exception {
        byte[] big = new byte[900_000];
        new Random(7).nextBytes(big);
        alice.create("/big", big, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(big, bob.getData("/big", false, null));
        assertArrayEquals(big, plain.getData("/big", false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bothTlsVersionsServeTheProtocol(String protocol) throws Exception {
        try (SSLSocket s = tls.rawSocket(ALICE, protocol)) {
            assertEquals(protocol, s.getSession().getProtocol());
            assertEquals("CN=server,O=Example",
                    ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
            s.getOutputStream().write(RawClient.frame(RawClient.newSessionConnectRequest(10_000)));
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readInt();
            byte[] connectResponse = new byte[len];
            in.readFully(connectResponse);
            assertTrue(len >= 36, "a ConnectResponse: " + len + " bytes");
        }
    }

    @Test
    void fourLetterWordsWorkOverTls() throws Exception {
        try (SSLSocket s = tls.rawSocket(ALICE, "TLSv1.3")) {
            s.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals("imok", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = tls.rawSocket(null, "TLSv1.3")) {
                s.getOutputStream().write(RawClient.frame(RawClient.newSessionConnectRequest(10_000)));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                if (in.read() < 0) {
                    throw new IOException("closed without a reply");
                }
            }
        });
        assertNotNull(alice.exists("/", false), "the server keeps serving");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        TlsSetup stranger = new TlsSetup(Files.createTempDirectory(dir, "stranger-"), "PKCS12");
        // The stranger trusts our server's CA but presents a certificate of its own CA.
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = (SSLSocket) strangerContext(stranger).getSocketFactory().createSocket(
                    ServerProcess.HOST, tls.securePort)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(RawClient.frame(RawClient.newSessionConnectRequest(10_000)));
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed without a reply");
                }
            }
        });
    }

    private static javax.net.ssl.SSLContext strangerContext(TlsSetup stranger) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        var id = stranger.pki.issue(ALICE);
        keys.setKeyEntry("key", id.key(), "pw".toCharArray(), id.chain());
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, "pw".toCharArray());
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", tls.pki.caCert);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void thePlainPortKeepsServing() throws Exception {
        assertNotNull(plain.exists("/", false));
        List<ClientInfo> who = plain.whoAmI();
        assertEquals(List.of(new ClientInfo("ip", "127.0.0.1")), who);
    }
}
