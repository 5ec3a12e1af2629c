package io.corral.server.net.tls;

import io.corral.testsupport.TestPki;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.server.config.TlsConfig;
import io.corral.server.config.TlsConfig.ClientAuth;
import io.corral.server.config.TlsConfig.Store;
import io.corral.server.config.TlsConfig.StoreType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsEngineFactoryTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);

    @TempDir
    Path dir;
    private TestPki pki;
    private TestPki.Identity server;
    private TestPki.Identity client;

    @BeforeEach
    void pki() throws Exception {
        pki = new TestPki("CN=Test CA");
        server = pki.issue("CN=server");
        client = pki.issue("CN=client,O=Example");
    }

    private TlsConfig config(Store keys, Store trust, ClientAuth auth, List<String> protocols, boolean reload) {
        return new TlsConfig(2281, null, keys, trust, auth, "TLSv1.3", protocols, List.of(), reload, "x509");
    }

    private Store keyStore(String type, String password) throws Exception {
        Path file = TestPki.writeKeyStore(server, dir.resolve("server." + type.toLowerCase()), type, password);
        return new Store(file.toString(), password, StoreType.valueOf(type), "ssl.keyStore");
    }

    private Store trustStore(String type) throws Exception {
        Path file = pki.writeTrustStore(dir.resolve("trust." + type.toLowerCase()), type, "trustpw");
        return new Store(file.toString(), "trustpw", StoreType.valueOf(type), "ssl.trustStore");
    }

    @ParameterizedTest
    @CsvSource({"PKCS12, keypw, PKCS12", "JKS, keypw, JKS", "PEM, '', PEM", "PEM, keypw, PKCS12", "PKCS12, keypw, PEM"})
    void everyStoreTypeServesAHandshakeWithClientAuth(String keyType, String password, String trustType) throws Exception {
        TlsEngineFactory f = new TlsEngineFactory(config(keyStore(keyType, password), trustStore(trustType),
                ClientAuth.NEED, List.of(), false));
        SSLEngine serverEngine = f.newEngine(PEER);
        SSLEngine clientEngine = clientEngine(client, "TLSv1.3");
        handshake(clientEngine, serverEngine);
        X509Certificate peer = (X509Certificate) serverEngine.getSession().getPeerCertificates()[0];
        assertEquals("CN=client,O=Example", peer.getSubjectX500Principal().getName());
        assertEquals("CN=server", ((X509Certificate) clientEngine.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
    }

    @Test
    void tls12CanBeTheOnlyProtocol() throws Exception {
        TlsEngineFactory f = new TlsEngineFactory(config(keyStore("PKCS12", "pw"), trustStore("PKCS12"),
                ClientAuth.NEED, List.of("TLSv1.2"), false));
        SSLEngine serverEngine = f.newEngine(PEER);
        handshake(clientEngine(client, "TLSv1.2"), serverEngine);
        assertEquals("TLSv1.2", serverEngine.getSession().getProtocol());
        SSLEngine refusing = f.newEngine(PEER);
        SSLEngine onlyTls13 = clientEngine(client, "TLSv1.3");
        onlyTls13.setEnabledProtocols(new String[] {"TLSv1.3"});
        assertThrows(SSLException.class, () -> handshake(onlyTls13, refusing));
    }

    @Test
    void byDefaultOnlySslProtocolIsEnabledAsInZooKeeper() throws Exception {
        TlsEngineFactory f = new TlsEngineFactory(config(keyStore("PKCS12", "pw"), trustStore("PKCS12"),
                ClientAuth.NEED, List.of(), false));
        assertEquals(List.of("TLSv1.3"), List.of(f.newEngine(PEER).getEnabledProtocols()));
        SSLEngine tls12 = clientEngine(client, "TLSv1.2");
        tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
        assertThrows(SSLException.class, () -> handshake(tls12, f.newEngine(PEER)));
        assertTrue(List.of(f.newEngine(PEER).getEnabledCipherSuites()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(List.of(f.newEngine(PEER).getEnabledCipherSuites()).contains("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
                "ZooKeeper's default list has ECDHE suites only");
    }

    @Test
    void needRefusesAClientWithoutCertificateAndWantTakesIt() throws Exception {
        TlsEngineFactory need = new TlsEngineFactory(config(keyStore("PKCS12", "pw"), trustStore("PKCS12"),
                ClientAuth.NEED, List.of(), false));
        assertThrows(SSLException.class, () -> handshake(clientEngine(null, "TLSv1.3"), need.newEngine(PEER)));
        TlsEngineFactory want = new TlsEngineFactory(config(keyStore("PKCS12", "pw"), trustStore("PKCS12"),
                ClientAuth.WANT, List.of(), false));
        SSLEngine s = want.newEngine(PEER);
        handshake(clientEngine(null, "TLSv1.3"), s);
        assertThrows(javax.net.ssl.SSLPeerUnverifiedException.class, () -> s.getSession().getPeerCertificates());
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefused() throws Exception {
        TlsEngineFactory f = new TlsEngineFactory(config(keyStore("PKCS12", "pw"), trustStore("PKCS12"),
                ClientAuth.NEED, List.of(), false));
        TestPki other = new TestPki("CN=Other CA");
        // The client trusts the server's CA: the point is the server's refusal of a certificate it cannot verify.
        SSLEngine trusting = clientEngineTrusting(other.issue("CN=intruder"));
        assertThrows(SSLException.class, () -> handshake(trusting, f.newEngine(PEER)));
    }

    @Test
    void badPasswordAndUnknownProtocolAreClearErrors() throws Exception {
        Store keys = keyStore("PKCS12", "right");
        IOException e = assertThrows(IOException.class, () -> new TlsEngineFactory(config(
                new Store(keys.location(), "wrong", StoreType.PKCS12, "ssl.keyStore"), null, ClientAuth.NEED, List.of(), false)));
        assertTrue(e.getMessage().contains("ssl.keyStore.location"), e.getMessage());
        e = assertThrows(IOException.class, () -> new TlsEngineFactory(config(keys, null, ClientAuth.NEED,
                List.of("TLSv0.9"), false)));
        assertTrue(e.getMessage().contains("ssl.enabledProtocols"), e.getMessage());
        e = assertThrows(IOException.class, () -> new TlsEngineFactory(config(
                new Store(dir.resolve("missing.p12").toString(), "x", StoreType.PKCS12, "ssl.keyStore"), null,
                ClientAuth.NEED, List.of(), false)));
        assertTrue(e.getMessage().contains("missing.p12"), e.getMessage());
    }

    @Test
    void changedStoresAreReloadedForNewConnections() throws Exception {
        Store keys = keyStore("PKCS12", "pw");
        TlsEngineFactory f = new TlsEngineFactory(config(keys, trustStore("PKCS12"), ClientAuth.NEED, List.of(), true));
        assertFalse(f.reloadIfChanged(), "nothing changed yet");
        SSLEngine before = f.newEngine(PEER);
        SSLEngine c1 = clientEngine(client, "TLSv1.3");
        handshake(c1, before);
        assertEquals("CN=server", subjectOfServer(c1));

        server = pki.issue("CN=server-renewed");
        TestPki.writeKeyStore(server, Path.of(keys.location()), "PKCS12", "pw");
        SSLEngine after = f.newEngine(PEER); // certReload: checks the files first
        SSLEngine c2 = clientEngine(client, "TLSv1.3");
        handshake(c2, after);
        assertEquals("CN=server-renewed", subjectOfServer(c2));
    }

    @Test
    void aBrokenReplacementKeepsThePreviousStores() throws Exception {
        Store keys = keyStore("PKCS12", "pw");
        TlsEngineFactory f = new TlsEngineFactory(config(keys, trustStore("PKCS12"), ClientAuth.NEED, List.of(), true));
        java.nio.file.Files.writeString(Path.of(keys.location()), "half written");
        assertFalse(f.reloadIfChanged());
        SSLEngine c = clientEngine(client, "TLSv1.3");
        handshake(c, f.newEngine(PEER));
        assertEquals("CN=server", subjectOfServer(c));
    }

    private static String subjectOfServer(SSLEngine clientEngine) throws Exception {
        return ((X509Certificate) clientEngine.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private SSLEngine clientEngine(TestPki.Identity id, String protocol) throws Exception {
        SSLEngine e = pki.clientContext(id, protocol).createSSLEngine("127.0.0.1", 2281);
        e.setUseClientMode(true);
        return e;
    }

    /** A client presenting {@code id} (of another CA) that trusts our CA. */
    private SSLEngine clientEngineTrusting(TestPki.Identity id) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", id.key(), "pw".toCharArray(), id.chain());
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, "pw".toCharArray());
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), trustManagers(pki.caCert), null);
        SSLEngine e = ctx.createSSLEngine("127.0.0.1", 2281);
        e.setUseClientMode(true);
        return e;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(X509Certificate ca) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** Runs a handshake between two engines in memory, delegated tasks inline; throws what either engine throws. */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer c2s = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
        ByteBuffer s2c = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
        ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 4);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 1000; i++) {
            if (done(client) && done(server) && c2s.position() == 0 && s2c.position() == 0) {
                return;
            }
            step(client, empty, c2s, s2c, sink);
            step(server, empty, s2c, c2s, sink);
        }
        throw new AssertionError("handshake did not finish: client " + client.getHandshakeStatus() + ", server "
                + server.getHandshakeStatus());
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One move of {@code e}: wrap into {@code out}, or unwrap from {@code in} (both kept in write mode). */
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws SSLException {
        switch (e.getHandshakeStatus()) {
            case NEED_TASK -> {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
            }
            case NEED_WRAP -> e.wrap(empty, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                sink.clear();
                e.unwrap(in, sink);
                in.compact();
            }
            default -> {
                // TLS 1.3 post-handshake messages may still be waiting for the peer
                in.flip();
                sink.clear();
                if (in.hasRemaining()) {
                    e.unwrap(in, sink);
                }
                in.compact();
            }
        }
    }
}
