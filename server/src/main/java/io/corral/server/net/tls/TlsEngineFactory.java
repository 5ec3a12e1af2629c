package io.corral.server.net.tls;

import io.corral.server.config.TlsConfig;
import io.corral.server.config.TlsConfig.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side SSLEngines for the secure client port, configured from {@link TlsConfig}: the server's key and
 * certificate, the trust store client certificates are verified against, client auth, protocols and ciphers.
 *
 * <p>Reload: with {@code client.certReload=true} each new engine first checks the stores' files (size and
 * modification time, a few stat calls) and rebuilds the context when they changed, so a renewed certificate is
 * served to the next connection without a restart; connections already open keep the session they have. A store
 * that fails to load (e.g. caught half-written) keeps the previous context and is tried again on the next
 * connection. Engines are made on the acceptor thread, never on a selector thread.
 */
public final class TlsEngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TlsEngineFactory.class);
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        // As ZooKeeper's X509Util does: a client may not renegotiate TLS 1.2 (a cheap way to make a server work
        // hard), unless the operator decided otherwise. JSSE reads the property once, before the first handshake.
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private final TlsConfig config;
    private SSLContext context;
    private List<FileStamp> stamps;

    public TlsEngineFactory(TlsConfig config) throws IOException {
        this.config = config;
        this.stamps = stamps();
        this.context = buildContext();
        SSLEngine probe = configure(context.createSSLEngine());
        LOG.info("TLS on the secure client port: protocols {}, client auth {}, key store {}, trust store {}{}",
                Arrays.toString(probe.getEnabledProtocols()), config.clientAuth(), config.keyStore(),
                config.trustStore() == null ? "the Java runtime's default" : config.trustStore(),
                config.certReload() ? ", reloaded when the files change" : "");
    }

    /** A server-mode engine for a new connection from {@code peer}. */
    public synchronized SSLEngine newEngine(InetSocketAddress peer) {
        if (config.certReload()) {
            reloadIfChanged();
        }
        return configure(context.createSSLEngine(peer.getHostString(), peer.getPort()));
    }

    /** Rebuilds the context now if the store files changed since it was built; true when it did. */
    public synchronized boolean reloadIfChanged() {
        List<FileStamp> now = stamps();
        if (now.equals(stamps)) {
            return false;
        }
        try {
            SSLContext fresh = buildContext();
            context = fresh;
            stamps = now;
            LOG.info("Reloaded the TLS key and trust stores ({}, {}): new connections use them", config.keyStore(),
                    config.trustStore());
            return true;
        } catch (IOException e) {
            LOG.warn("The TLS stores changed but cannot be loaded, keeping the previous ones: {}", e.getMessage());
            return false;
        }
    }

    /**
     * As ZooKeeper 3.9's client port: without {@code ssl.enabledProtocols} only {@code ssl.protocol} itself is
     * enabled (so TLS 1.2 needs {@code ssl.enabledProtocols=TLSv1.3,TLSv1.2} or {@code ssl.protocol=TLSv1.2}), and
     * without {@code ssl.ciphersuites} ZooKeeper's list of ECDHE AES-GCM / AES-CBC suites plus the TLS 1.3 ones.
     */
    private SSLEngine configure(SSLEngine engine) {
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(config.enabledProtocols().isEmpty() ? new String[] {config.protocol()}
                : config.enabledProtocols().toArray(new String[0]));
        p.setCipherSuites(config.cipherSuites().isEmpty() ? defaultCipherSuites(engine.getSupportedCipherSuites())
                : config.cipherSuites().toArray(new String[0]));
        switch (config.clientAuth()) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            case NONE -> p.setNeedClientAuth(false);
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private SSLContext buildContext() throws IOException {
        KeyStore keys = StoreLoader.load(config.keyStore(), true);
        KeyStore trust = config.trustStore() == null ? null : StoreLoader.load(config.trustStore(), false);
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, config.keyStore().password().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance(config.protocol());
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            check(ctx.getSupportedSSLParameters().getProtocols(), config.enabledProtocols(), "ssl.enabledProtocols");
            check(ctx.getSupportedSSLParameters().getCipherSuites(), config.cipherSuites(), "ssl.ciphersuites");
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS (ssl.protocol=" + config.protocol() + ", " + config.keyStore()
                    + "): " + e.getMessage(), e);
        }
    }

    /** ZooKeeper's default suites (X509Util, Java 9+ order), less those this runtime lacks. */
    private static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

    private static String[] defaultCipherSuites(String[] supported) {
        List<String> all = Arrays.asList(supported);
        return DEFAULT_CIPHER_SUITES.stream().filter(all::contains).toArray(String[]::new);
    }

    private static void check(String[] supported, List<String> wanted, String key) throws IOException {
        List<String> all = Arrays.asList(supported);
        for (String w : wanted) {
            if (!all.contains(w)) {
                throw new IOException("Invalid value '" + w + "' in " + key + ": this Java runtime supports " + all);
            }
        }
    }

    private List<FileStamp> stamps() {
        return java.util.stream.Stream.of(config.keyStore(), config.trustStore())
                .filter(Objects::nonNull).map(Store::location).map(FileStamp::of).toList();
    }

    /** What a change of the file shows in: its size and its modification time (nanoseconds where the file system has them). */
    private record FileStamp(String path, long size, java.time.Instant modified) {
        static FileStamp of(String location) {
            Path p = Path.of(location);
            try {
                return new FileStamp(location, Files.size(p), Files.getLastModifiedTime(p).toInstant());
            } catch (IOException e) {
                return new FileStamp(location, -1, java.time.Instant.EPOCH);
            }
        }
    }
}
