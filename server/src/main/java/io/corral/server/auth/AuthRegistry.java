package io.corral.server.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACL schemes the server knows, found through ServiceLoader, and the two checks every operation needs:
 * does a connection's set of ids grant a permission, and is an ACL list acceptable (with {@code auth} entries
 * expanded to the creator's ids).
 */
public final class AuthRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRegistry.class);

    private final Map<String, AuthenticationProvider> providers;

    public AuthRegistry(Map<String, AuthenticationProvider> providers) {
        this.providers = Map.copyOf(providers);
    }

    /** Every provider on the class path, configured with zoo.cfg's settings. */
    public static AuthRegistry load(Map<String, String> settings, ClassLoader loader) {
        Map<String, AuthenticationProvider> found = new HashMap<>();
        for (AuthenticationProvider p : ServiceLoader.load(AuthenticationProvider.class, loader)) {
            p.configure(settings);
            found.put(p.scheme(), p);
        }
        LOG.info("ACL schemes: {}", found.keySet());
        return new AuthRegistry(found);
    }

    public AuthenticationProvider provider(String scheme) {
        return providers.get(scheme);
    }

    /** ZooKeeper's rule: an empty list or a super id allows all; else some entry must grant and match. */
    public boolean allows(List<ACL> acl, int perm, List<AuthId> ids) {
        if (acl == null || acl.isEmpty()) {
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
     * The list to store for a create or setACL, or null when it is invalid: empty, an unknown scheme, a bad id,
     * or an {@code auth} entry from a connection that holds no authenticated id.
     */
    public List<ACL> fixup(List<ACL> acl, List<AuthId> ids) {
        if (acl == null || acl.isEmpty()) {
            return null;
        }
        LinkedHashSet<ACL> out = new LinkedHashSet<>();
        for (ACL a : new LinkedHashSet<>(acl)) {
            Id id = a.id();
            if (id == null || id.scheme() == null || id.id() == null) {
                return null;
            }
            if ("auth".equals(id.scheme())) {
                boolean any = false;
                for (AuthId mine : ids) {
                    AuthenticationProvider p = providers.get(mine.scheme());
                    if (p != null && p.isAuthenticated()) {
                        out.add(new ACL(a.perms(), new Id(mine.scheme(), mine.id())));
                        any = true;
                    }
                }
                if (!any) {
                    return null;
                }
                continue;
            }
            AuthenticationProvider p = providers.get(id.scheme());
            if (p == null || !p.isValid(id.id())) {
                return null;
            }
            out.add(a);
        }
        return new ArrayList<>(out);
    }
}
