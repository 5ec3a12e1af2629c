package io.corral.it;

import io.corral.testsupport.TestPki;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.TlsSetup;
import io.corral.it.support.Zk;

/** Key and trust stores of each type ZooKeeper reads, and a renewed server certificate served without a restart. */
class TlsStoresTest {

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12", "PEM"})
    void everyStoreTypeServesTheApacheClient(String type) throws Exception {
        Path dir = Files.createTempDirectory("corral-it-stores-");
        TlsSetup tls = new TlsSetup(dir, type);
        try (ServerProcess server = tls.apply(ServerProcess.builder("TlsStoresTest-" + type)).start()) {
            ZooKeeper zk = tls.connect(TlsTest.ALICE);
            try {
                zk.create("/" + type, type.getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertArrayEquals(type.getBytes(StandardCharsets.UTF_8), zk.getData("/" + type, false, null));
                List<ClientInfo> who = zk.whoAmI();
                assertTrue(who.contains(new ClientInfo("x509", TlsTest.ALICE)), who::toString);
                // As ZooKeeper: without ssl.enabledProtocols only ssl.protocol (TLSv1.3) is enabled.
                assertThrows(javax.net.ssl.SSLException.class, () -> tls.rawSocket(TlsTest.ALICE, "TLSv1.2").close());
            } finally {
                Zk.closeQuietly(zk);
            }
        } finally {
            ServerProcess.deleteRecursively(dir);
        }
    }

    @Test
    void aRenewedServerCertificateIsServedWithoutARestart() throws Exception {
        Path dir = Files.createTempDirectory("corral-it-reload-");
        TlsSetup tls = new TlsSetup(dir, "PKCS12");
        try (ServerProcess server = tls.apply(ServerProcess.builder("TlsStoresTest-reload"))
                .set("client.certReload", "true").start()) {
            ZooKeeper before = tls.connect(TlsTest.ALICE);
            try {
                TestPki.writeKeyStore(tls.pki.issue("CN=server-renewed,O=Example"), tls.serverKeyStore, "PKCS12",
                        TlsSetup.STORE_PASSWORD);
                Awaitility.await("new connections get the renewed certificate").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> serverCertificate(tls).equals("CN=server-renewed,O=Example"));
                ZooKeeper after = tls.connect(TlsTest.BOB);
                try {
                    after.create("/after-reload", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } finally {
                    Zk.closeQuietly(after);
                }
                before.exists("/after-reload", false); // the connection made before the renewal goes on
            } finally {
                Zk.closeQuietly(before);
            }
        } finally {
            ServerProcess.deleteRecursively(dir);
        }
    }

    private static String serverCertificate(TlsSetup tls) throws Exception {
        try (SSLSocket s = tls.rawSocket(TlsTest.ALICE, "TLSv1.3")) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }
}
