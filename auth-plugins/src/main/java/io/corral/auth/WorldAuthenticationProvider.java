package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.util.List;

/** {@code world:anyone}: the entry every connection satisfies. Nobody authenticates as world. */
public final class WorldAuthenticationProvider implements AuthenticationProvider {
    @Override
    public String scheme() {
        return "world";
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        throw new AuthenticationException("the world scheme takes no credentials");
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        return "anyone".equals(aclId);
    }

    @Override
    public boolean isValid(String aclId) {
        return "anyone".equals(aclId);
    }

    @Override
    public boolean isAuthenticated() {
        return false;
    }
}
