package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.util.List;

/**
 * {@code ip:<address>} or {@code ip:<address>/<prefix bits>}, IPv4 or IPv6. Every connection holds the id of its
 * own address; an auth packet of this scheme authenticates the same way.
 */
public final class IpAuthenticationProvider implements AuthenticationProvider {
    @Override
    public String scheme() {
        return "ip";
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        if (connection.remoteAddress() == null || connection.remoteAddress().getAddress() == null) {
            throw new AuthenticationException("the connection has no remote address");
        }
        return List.of(new AuthId("ip", connection.remoteAddress().getAddress().getHostAddress()));
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        byte[] address = IpAddresses.parse(authenticatedId);
        int slash = aclId.indexOf('/');
        byte[] network = IpAddresses.parse(slash < 0 ? aclId : aclId.substring(0, slash));
        if (address == null || network == null || address.length != network.length) {
            return false;
        }
        int bits = slash < 0 ? network.length * 8 : IpAddresses.prefixBits(aclId.substring(slash + 1), network.length);
        return bits >= 0 && IpAddresses.samePrefix(address, network, bits);
    }

    /** An address is not an identity a creator ACL can name (ZooKeeper's ip scheme says the same). */
    @Override
    public boolean isAuthenticated() {
        return false;
    }

    @Override
    public boolean isValid(String aclId) {
        int slash = aclId.indexOf('/');
        byte[] network = IpAddresses.parse(slash < 0 ? aclId : aclId.substring(0, slash));
        if (network == null) {
            return false;
        }
        return slash < 0 || IpAddresses.prefixBits(aclId.substring(slash + 1), network.length) >= 0;
    }
}
