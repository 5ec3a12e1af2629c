package io.corral.server.config;

import java.util.List;

/**
 * The secure client port: TLS beside the plain port, with ZooKeeper's keys ({@code secureClientPort},
 * {@code ssl.keyStore.*}, {@code ssl.trustStore.*}, {@code ssl.clientAuth}, ...). Disabled when {@link #port()} is 0.
 *
 * @param port             {@code secureClientPort}; 0 when there is no secure port
 * @param address          {@code secureClientPortAddress}, or null for every interface
 * @param keyStore         the server's key and certificate chain (required when the port is on)
 * @param trustStore       the certificates client certificates are verified against; null to use the Java
 *                         runtime's default trust store
 * @param clientAuth       {@code ssl.clientAuth}: whether a client certificate is required, asked for, or not asked
 * @param protocol         {@code ssl.protocol}, the SSLContext's protocol (TLSv1.3 by default)
 * @param enabledProtocols {@code ssl.enabledProtocols}, or empty for {@code protocol} alone (ZooKeeper's default)
 * @param cipherSuites     {@code ssl.ciphersuites}, or empty for ZooKeeper's default list
 * @param certReload       {@code client.certReload}: reload the stores when their files change, without a restart
 * @param authProvider     {@code ssl.authProvider}: the scheme that turns a client certificate into ids (x509)
 */
public record TlsConfig(
        int port,
        String address,
        Store keyStore,
        Store trustStore,
        ClientAuth clientAuth,
        String protocol,
        List<String> enabledProtocols,
        List<String> cipherSuites,
        boolean certReload,
        String authProvider) {

    public TlsConfig {
        enabledProtocols = List.copyOf(enabledProtocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static TlsConfig disabled() {
        return new TlsConfig(0, null, null, null, ClientAuth.NEED, "TLSv1.3", List.of(), List.of(), false, "x509");
    }

    public boolean enabled() {
        return port > 0;
    }

    /** {@code ssl.clientAuth}; ZooKeeper's default is NEED. */
    public enum ClientAuth { NONE, WANT, NEED }

    public enum StoreType { JKS, PKCS12, PEM }

    /**
     * A key or trust store file.
     *
     * @param location  the file
     * @param password  its password (read from {@code ...passwordPath} when that is set), empty when none
     * @param type      from {@code ...type}, else from the file name's extension (.jks, .p12/.pfx, .pem)
     * @param keyPrefix the zoo.cfg key prefix it came from ({@code ssl.keyStore}), for error messages
     */
    public record Store(String location, String password, StoreType type, String keyPrefix) {
        @Override
        public String toString() {
            return keyPrefix + " " + location + " (" + type + ")";
        }
    }
}
