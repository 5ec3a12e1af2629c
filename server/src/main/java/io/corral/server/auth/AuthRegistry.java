package io.corral.server.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.server.config.AuthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL schemes the server knows and the checks every operation needs, with Apache ZooKeeper 3.9's rules:
 * does a connection's list of ids grant a permission ({@link #allows}), is an ACL list acceptable for create or
 * setACL, with {@code auth} entries expanded to the creator's ids ({@link #fixup}), what ids an auth packet or a
 * TLS handshake gives ({@link #authenticate}, {@link #authenticateHandshake}), and may a connection's requests
 * run at all under {@code enforce.auth.enabled} ({@link #passesEnforcement}).
 *
 * <p>Immutable after {@link #load}; every method is safe from any thread.
 */
public final class AuthRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRegistry.class);

    private final Map<String, AuthenticationProvider> providers;
    private final AuthConfig config;

    public AuthRegistry(Map<String, AuthenticationProvider> providers, AuthConfig config) {
        this.providers = Map.copyOf(providers);
        this.config = config;
        for (String scheme : config.enforceAuthSchemes()) {
            if (!this.providers.containsKey(scheme)) {
                throw new IllegalArgumentException("enforce.auth.schemes names '" + scheme + "', which is not an ACL"
                        + " scheme of this server (known: " + new java.util.TreeSet<>(this.providers.keySet()) + ")");
            }
        }
    }

    /** Every provider on the class path, configured with zoo.cfg's settings (no authProvider.N, no enforcement). */
    public static AuthRegistry load(Map<String, String> settings, ClassLoader loader) {
        return load(AuthConfig.defaults(), settings, loader);
    }

    /**
     * Every provider registered for ServiceLoader, then every class named by {@code authProvider.N}, each
     * configured with {@code settings}; a later provider of the same scheme replaces an earlier one.
     *
     * @throws IllegalArgumentException for a provider class that cannot be loaded or a setting a provider
     *         refuses; the message names the key
     */
    public static AuthRegistry load(AuthConfig config, Map<String, String> settings, ClassLoader loader) {
        Map<String, AuthenticationProvider> found = new LinkedHashMap<>();
        for (AuthenticationProvider p : ServiceLoader.load(AuthenticationProvider.class, loader)) {
            found.put(p.scheme(), p);
        }
        for (Map.Entry<String, String> e : config.providerClasses().entrySet()) {
            AuthenticationProvider p = ProviderClasses.instantiate(e.getKey(), e.getValue(), loader);
            if (p != null) {
                found.put(p.scheme(), p);
            }
        }
        if (!config.digestEnabled()) {
            found.remove("digest");
            LOG.info("The digest scheme is disabled (DigestAuthenticationProvider.enabled=false)");
        }
        for (AuthenticationProvider p : found.values()) {
            p.configure(settings);
        }
        LOG.info("ACL schemes: {}{}", new java.util.TreeSet<>(found.keySet()),
                config.enforceAuth() ? "; every session must authenticate with one of " + config.enforceAuthSchemes() : "");
        if (config.skipAcl()) {
            LOG.warn("skipACL=yes: no ACL is checked, every client may do everything");
        }
        return new AuthRegistry(found, config);
    }

    public AuthenticationProvider provider(String scheme) {
        return scheme == null ? null : providers.get(scheme);
    }

    /**
     * ZooKeeper's checkACL: an empty list or a {@code super} id allows everything; otherwise some entry must
     * carry one of {@code perm}'s bits and either be {@code world:anyone} or name an id that one of the
     * connection's ids of the same scheme matches.
     */
    public boolean allows(List<ACL> acl, int perm, List<AuthId> ids) {
        if (config.skipAcl() || acl == null || acl.isEmpty()) {
            return true;
        }
        for (AuthId id : ids) {
            if ("super".equals(id.scheme())) {
                return true;
            }
        }
        for (ACL a : acl) {
            if ((a.perms() & perm) == 0) {
                continue;
            }
            Id aclId = a.id();
            if ("world".equals(aclId.scheme()) && "anyone".equals(aclId.id())) {
                return true;
            }
            AuthenticationProvider p = providers.get(aclId.scheme());
            if (p == null) {
                continue;
            }
            for (AuthId id : ids) {
                if (id.scheme().equals(aclId.scheme()) && p.matches(id.id(), aclId.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * ZooKeeper's fixupACL: the list to store for a create or setACL. Duplicates go first; an {@code auth} entry
     * becomes one entry per id of the connection whose scheme {@linkplain AuthenticationProvider#isAuthenticated
     * is an authenticated identity}, with the entry's permissions.
     *
     * @throws InvalidAclException for an empty list, an entry without scheme or id, an unknown scheme, an id its
     *         scheme refuses, or an {@code auth} entry from a connection without an authenticated id
     */
    public List<ACL> fixup(List<ACL> acl, List<AuthId> ids) throws InvalidAclException {
        if (acl == null || acl.isEmpty()) {
            throw new InvalidAclException("the ACL list is empty");
        }
        List<ACL> out = new ArrayList<>(acl.size());
        for (ACL a : new LinkedHashSet<>(acl)) {
            Id id = a == null ? null : a.id();
            if (id == null || id.scheme() == null || id.id() == null) {
                throw new InvalidAclException("an entry has no scheme or no id");
            }
            if ("world".equals(id.scheme()) && "anyone".equals(id.id())) {
                out.add(a);
            } else if ("auth".equals(id.scheme())) {
                boolean any = false;
                for (AuthId mine : ids) {
                    AuthenticationProvider p = providers.get(mine.scheme());
                    if (p != null && p.isAuthenticated()) {
                        out.add(new ACL(a.perms(), new Id(mine.scheme(), mine.id())));
                        any = true;
                    }
                }
                if (!any) {
                    throw new InvalidAclException("an 'auth' entry needs an authenticated id (add digest or x509"
                            + " credentials first); this connection holds only " + ids);
                }
            } else {
                AuthenticationProvider p = providers.get(id.scheme());
                if (p == null) {
                    throw new InvalidAclException("unknown scheme '" + id.scheme() + "' (known: "
                            + new java.util.TreeSet<>(providers.keySet()) + ", auth)");
                }
                if (!p.isValid(id.id())) {
                    throw new InvalidAclException("'" + id.id() + "' is not a valid id of scheme " + id.scheme());
                }
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The ids an auth packet gives, as the connection should gain them.
     *
     * @throws AuthenticationException for an unknown scheme, rejected credentials, a provider that fails or grants
     *         nothing; the server answers AUTHFAILED and closes the connection
     */
    public List<AuthId> authenticate(String scheme, byte[] authData, ConnectionInfo connection)
            throws AuthenticationException {
        AuthenticationProvider p = provider(scheme);
        if (p == null) {
            throw new AuthenticationException("no ACL scheme '" + scheme + "' on this server (known: "
                    + new java.util.TreeSet<>(providers.keySet()) + "); a custom scheme is a jar in lib/");
        }
        List<AuthId> ids;
        try {
            ids = p.authenticate(authData == null ? new byte[0] : authData, connection);
        } catch (RuntimeException e) {
            throw new AuthenticationException("the " + scheme + " provider failed: " + e, e);
        }
        if (ids == null || ids.isEmpty()) {
            throw new AuthenticationException("the " + scheme + " provider granted no id");
        }
        return ids;
    }

    /**
     * The ids a completed TLS handshake gives, from the provider named by {@code ssl.authProvider}.
     *
     * @throws AuthenticationException when that scheme is unknown or refuses the certificate; the server closes
     *         the connection, as ZooKeeper does
     */
    public List<AuthId> authenticateHandshake(String scheme, ConnectionInfo connection) throws AuthenticationException {
        AuthenticationProvider p = provider(scheme);
        if (p == null) {
            throw new AuthenticationException("ssl.authProvider names '" + scheme + "', which is not an ACL scheme of"
                    + " this server");
        }
        try {
            List<AuthId> ids = p.authenticateHandshake(connection);
            return ids == null ? List.of() : ids;
        } catch (RuntimeException e) {
            throw new AuthenticationException("the " + scheme + " provider failed: " + e, e);
        }
    }

    public boolean enforcing() {
        return config.enforceAuth();
    }

    /**
     * Under {@code enforce.auth.enabled}, whether a connection with these ids may send requests: it must hold an
     * id of one of {@code enforce.auth.schemes}. Always true when enforcement is off.
     */
    public boolean passesEnforcement(List<AuthId> ids) {
        if (!config.enforceAuth()) {
            return true;
        }
        for (AuthId id : ids) {
            if (config.enforceAuthSchemes().contains(id.scheme())) {
                return true;
            }
        }
        return false;
    }

    public List<String> enforcedSchemes() {
        return config.enforceAuthSchemes();
    }
}
