package io.corral.it.support;

import io.corral.testsupport.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * A test PKI and the zoo.cfg keys of a secure client port, the same for Corral and the reference ZooKeeper (whose
 * Netty server factory and X509AuthenticationProvider it names; Corral accepts both names and serves them with its
 * NIO layer and built-in x509 scheme). Clients are the Apache ZooKeeper client over Netty with
 * {@code zookeeper.client.secure=true}, or raw SSLSockets for handshake-level checks.
 */
public final class TlsSetup {
    public static final String STORE_PASSWORD = "storepw";

    public final TestPki pki;
    public final Path dir;
    public final int securePort;
    public final Path serverKeyStore;
    public final Path trustStore;

    /** A CA, a server certificate for 127.0.0.1 / localhost, and its stores in {@code type} (JKS, PKCS12 or PEM). */
    public TlsSetup(Path dir, String type) throws Exception {
        this.dir = dir;
        this.pki = new TestPki("CN=Corral Test CA,O=Example");
        String ext = type.equals("PKCS12") ? "p12" : type.toLowerCase();
        this.serverKeyStore = TestPki.writeKeyStore(pki.issue("CN=server,O=Example"), dir.resolve("server." + ext), type,
                type.equals("PEM") ? "" : STORE_PASSWORD);
        this.trustStore = pki.writeTrustStore(dir.resolve("ca." + ext), type, STORE_PASSWORD);
        this.securePort = freePort();
    }

    /** zoo.cfg keys of the secure port, with client certificates required. */
    public Map<String, String> serverConfig() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("secureClientPort", Integer.toString(securePort));
        cfg.put("secureClientPortAddress", ServerProcess.HOST);
        cfg.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        cfg.put("authProvider.x509", "org.apache.zookeeper.server.auth.X509AuthenticationProvider");
        cfg.put("ssl.keyStore.location", serverKeyStore.toString());
        if (!serverKeyStore.toString().endsWith(".pem")) {
            cfg.put("ssl.keyStore.password", STORE_PASSWORD);
        }
        cfg.put("ssl.trustStore.location", trustStore.toString());
        cfg.put("ssl.trustStore.password", STORE_PASSWORD);
        cfg.put("ssl.clientAuth", "need");
        return cfg;
    }

    public ServerProcess.Builder apply(ServerProcess.Builder b) {
        serverConfig().forEach(b::set);
        return b;
    }

    public String secureConnectString() {
        return ServerProcess.HOST + ":" + securePort;
    }

    /** A PKCS12 key store with a certificate for {@code dn} signed by the test CA. */
    public Path clientKeyStore(String dn) throws Exception {
        Path file = dir.resolve("client-" + dn.replaceAll("[^A-Za-z0-9]", "_") + ".p12");
        if (!Files.exists(file)) {
            TestPki.writeKeyStore(pki.issue(dn), file, "PKCS12", STORE_PASSWORD);
        }
        return file;
    }

    /** The Apache client's settings for the secure port, presenting {@code dn}'s certificate (none when null). */
    public ZKClientConfig clientConfig(String dn) throws Exception {
        ZKClientConfig c = new ZKClientConfig();
        c.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        c.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        if (dn != null) {
            c.setProperty("zookeeper.ssl.keyStore.location", clientKeyStore(dn).toString());
            c.setProperty("zookeeper.ssl.keyStore.password", STORE_PASSWORD);
            c.setProperty("zookeeper.ssl.keyStore.type", "PKCS12");
        }
        Path trust = dir.resolve("client-trust.p12");
        if (!Files.exists(trust)) {
            pki.writeTrustStore(trust, "PKCS12", STORE_PASSWORD);
        }
        c.setProperty("zookeeper.ssl.trustStore.location", trust.toString());
        c.setProperty("zookeeper.ssl.trustStore.password", STORE_PASSWORD);
        c.setProperty("zookeeper.ssl.trustStore.type", "PKCS12");
        return c;
    }

    /** Connects the Apache client over TLS as {@code dn} and waits (bounded) for SyncConnected. */
    public ZooKeeper connect(String dn) throws Exception {
        return connect(dn, new EventRecorder("tls-" + dn));
    }

    public ZooKeeper connect(String dn, EventRecorder events) throws Exception {
        ZooKeeper zk = new ZooKeeper(secureConnectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events, clientConfig(dn));
        try {
            events.awaitState(org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected, Zk.CONNECT_WAIT);
        } catch (RuntimeException | Error e) {
            Zk.closeQuietly(zk);
            throw e;
        }
        return zk;
    }

    /** A raw TLS socket to the secure port, handshake done, presenting {@code dn} (none when null). */
    public SSLSocket rawSocket(String dn, String protocol) throws Exception {
        TestPki.Identity id = dn == null ? null : pki.issue(dn);
        SSLSocket s = (SSLSocket) pki.clientContext(id, protocol).getSocketFactory().createSocket();
        s.connect(new InetSocketAddress(ServerProcess.HOST, securePort), 5_000);
        s.setSoTimeout(20_000);
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        return s;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ServerProcess.HOST, 0));
            return socket.getLocalPort();
        }
    }
}
