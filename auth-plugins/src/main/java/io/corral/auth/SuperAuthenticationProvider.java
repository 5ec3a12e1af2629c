package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.util.List;

/**
 * {@code super}: the id that passes every ACL check. Nobody authenticates as super directly; a connection gains
 * it with a digest login whose id equals {@code DigestAuthenticationProvider.superDigest}, or with a TLS client
 * certificate whose x509 id equals {@code X509AuthenticationProvider.superUser}. The server itself gives any id of
 * this scheme every permission, before looking at the ACL.
 *
 * <p>As in ZooKeeper, an auth packet for {@code super} fails with AUTHFAILED, an ACL entry naming {@code super}
 * is invalid (the bypass needs no entry), an {@code auth} ACL entry does not expand to it, and whoAmI shows its user
 * as empty.
 */
public final class SuperAuthenticationProvider implements AuthenticationProvider {
    @Override
    public String scheme() {
        return "super";
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        throw new AuthenticationException("the super scheme takes no credentials: log in with digest (the super digest)"
                + " or present the x509 super user's certificate");
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        return false;
    }

    @Override
    public boolean isValid(String aclId) {
        return false;
    }

    @Override
    public boolean isAuthenticated() {
        return false;
    }

    @Override
    public String userName(String id) {
        return "";
    }
}
