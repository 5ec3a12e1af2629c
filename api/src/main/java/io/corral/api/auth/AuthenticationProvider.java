package io.corral.api.auth;

import java.util.List;
import java.util.Map;

/**
 * An ACL scheme (world, digest, ip, super, x509 or a custom one), found through {@link java.util.ServiceLoader}
 * or named by {@code authProvider.N=<class>} in zoo.cfg.
 *
 * <p>Contract: implementations are called concurrently from the server's threads and must be thread-safe and
 * fast; {@link #authenticate} runs once per auth packet, {@link #matches} on every ACL check.
 */
public interface AuthenticationProvider {

    /** The scheme name as it appears in ACLs and auth packets, e.g. {@code digest}. */
    String scheme();

    /** Called once before use with zoo.cfg's settings (keys as written there, system properties included). */
    default void configure(Map<String, String> settings) {
    }

    /**
     * Authenticates a connection from the bytes of an auth packet of this scheme.
     *
     * @return the ids the connection gains (each with its scheme: a digest login of a super user gains
     *         {@code super} too); never empty
     * @throws AuthenticationException when the credentials are rejected; the server then answers AuthFailed
     *         and closes the connection, as ZooKeeper does
     */
    List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException;

    /** Whether an authenticated id of this scheme satisfies the id written in an ACL entry. */
    boolean matches(String authenticatedId, String aclId);

    /** Whether {@code aclId} is well formed for this scheme; a create or setACL with a bad one gets InvalidACL. */
    boolean isValid(String aclId);

    /** The user name whoAmI reports for an id of this scheme ({@code bob} for digest's {@code bob:<hash>}). */
    default String userName(String id) {
        return id;
    }

    /** Whether ids of this scheme stand for an authenticated identity (world's {@code anyone} does not). */
    default boolean isAuthenticated() {
        return true;
    }
}
