package io.corral.server.config;

import java.util.List;
import java.util.Map;

/**
 * How connections authenticate and how ACLs are enforced, with ZooKeeper's keys.
 *
 * @param enforceAuth        {@code enforce.auth.enabled}: requests of a connection that holds no id of one of
 *                           {@code enforceAuthSchemes} fail with SESSIONCLOSEDREQUIRESASLAUTH and the connection
 *                           is closed (auth packets excepted)
 * @param enforceAuthSchemes {@code enforce.auth.schemes}, comma separated
 * @param providerClasses    {@code authProvider.N=<class>}, by key, in key order
 * @param digestEnabled      {@code DigestAuthenticationProvider.enabled} (default true)
 * @param skipAcl            {@code skipACL=yes}: no ACL is checked at all (ZooKeeper's escape hatch)
 */
public record AuthConfig(
        boolean enforceAuth,
        List<String> enforceAuthSchemes,
        Map<String, String> providerClasses,
        boolean digestEnabled,
        boolean skipAcl) {

    public AuthConfig {
        enforceAuthSchemes = List.copyOf(enforceAuthSchemes);
        providerClasses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(providerClasses));
    }

    public static AuthConfig defaults() {
        return new AuthConfig(false, List.of(), Map.of(), true, false);
    }
}
