package io.corral.server.tree;

import io.corral.protocol.data.ACL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores each distinct ACL list once (a million nodes created with the same ACL share one list) and gives it a
 * stable key, the number a snapshot writes for it. The open ACL ({@code world:anyone}, all permissions) is
 * key -1, as in ZooKeeper's snapshots.
 *
 * <p>Interning happens on the apply thread; the snapshot thread reads keys concurrently, hence the concurrent
 * maps. Lists are never freed while the server runs: they are few and small.
 */
public final class AclCache {
    public static final long OPEN_KEY = -1;

    private final Map<List<ACL>, Long> keys = new ConcurrentHashMap<>();
    private final Map<Long, List<ACL>> lists = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong(1);

    AclCache() {
        keys.put(DataTree.OPEN_ACL, OPEN_KEY);
        lists.put(OPEN_KEY, DataTree.OPEN_ACL);
    }

    List<ACL> intern(List<ACL> acl) {
        if (acl == DataTree.OPEN_ACL) {
            return acl; // most nodes: no hashing of the list (a snapshot load interns a million of them)
        }
        Long key = keys.get(acl);
        if (key != null) {
            return lists.get(key);
        }
        List<ACL> copy = List.copyOf(acl);
        long k = nextKey.getAndIncrement();
        lists.put(k, copy);
        keys.put(copy, k);
        return copy;
    }

    /** The key of an interned list, or null when it was interned after the caller looked (see snapshots). */
    public Long keyOf(List<ACL> acl) {
        if (acl == DataTree.OPEN_ACL) {
            // Most nodes share the interned open ACL: found by identity, without hashing the list for every node
            // of a snapshot (which showed as a tenth of a snapshot's CPU in a profile).
            return OPEN_KEY;
        }
        return keys.get(acl);
    }

    /** Every list but the open ACL, by key: what a snapshot writes before its nodes. */
    public Map<Long, List<ACL>> snapshotOfLists() {
        Map<Long, List<ACL>> out = new java.util.HashMap<>(lists);
        out.remove(OPEN_KEY);
        return out;
    }
}
