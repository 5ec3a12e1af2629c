package io.corral.server.tree;

import io.corral.protocol.data.ACL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores each distinct ACL list once: a million nodes created with the same ACL share one list. Lists are
 * never freed while the server runs (they are few and small); snapshot keys come with durable storage.
 */
final class AclCache {
    private final Map<List<ACL>, List<ACL>> canonical = new HashMap<>();

    List<ACL> intern(List<ACL> acl) {
        List<ACL> copy = List.copyOf(acl);
        List<ACL> existing = canonical.putIfAbsent(copy, copy);
        return existing != null ? existing : copy;
    }
}
