package io.corral.api.auth;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** What an authentication provider may know of the connection it authenticates. */
public record ConnectionInfo(InetSocketAddress remoteAddress, List<X509Certificate> certificateChain) {
    public ConnectionInfo {
        certificateChain = certificateChain == null ? List.of() : List.copyOf(certificateChain);
    }
}
