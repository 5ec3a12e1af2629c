package io.corral.api.auth;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What an authentication provider may know of the connection it authenticates.
 *
 * @param remoteAddress    the client's address and port (null only for connections without one, e.g. in tests)
 * @param certificateChain the client's certificate chain on a TLS connection, the client's own certificate first,
 *                         verified by the TLS handshake against the server's trust store; empty on the plain
 *                         port, with {@code ssl.clientAuth=none}, or when a {@code want} client sent none
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, List<X509Certificate> certificateChain) {
    public ConnectionInfo {
        certificateChain = certificateChain == null ? List.of() : List.copyOf(certificateChain);
    }

    /** A connection known only by its address (the plain port). */
    public static ConnectionInfo of(InetSocketAddress remoteAddress) {
        return new ConnectionInfo(remoteAddress, List.of());
    }

    /** The client's own certificate, or null when it presented none. */
    public X509Certificate clientCertificate() {
        return certificateChain.isEmpty() ? null : certificateChain.get(0);
    }
}
