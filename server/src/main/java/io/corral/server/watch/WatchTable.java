package io.corral.server.watch;

import io.corral.protocol.EventType;
import io.corral.protocol.data.ACL;
import io.corral.server.tree.PathUtil;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Every watch of every connection, by kind and path, plus the reverse index needed to drop a connection's
 * watches when it goes. Owned by the apply thread; not thread-safe.
 *
 * <p>One trigger delivers at most one event to each watcher, even when it watches the path in several ways
 * (ZooKeeper behaves the same: a data and a child watch on a deleted node give one NodeDeleted).
 */
public final class WatchTable {
    private final Map<WatchKind, Map<String, Set<Watcher>>> byKind = new EnumMap<>(WatchKind.class);
    private final Map<Watcher, Map<WatchKind, Set<String>>> byWatcher = new IdentityHashMap<>();
    private final BiPredicate<Watcher, List<ACL>> mayRead;
    private int recursiveCount;

    /** A table that delivers every event (no ACL check), for tests and tools. */
    public WatchTable() {
        this((w, acl) -> true);
    }

    /**
     * @param mayRead whether a watcher may still read a node with this ACL: an event is delivered only then,
     *                as in ZooKeeper, so a watch does not leak changes after the ACL was tightened
     */
    public WatchTable(BiPredicate<Watcher, List<ACL>> mayRead) {
        this.mayRead = mayRead;
        for (WatchKind k : WatchKind.values()) {
            byKind.put(k, new HashMap<>());
        }
    }

    public void add(WatchKind kind, String path, Watcher w) {
        if (byKind.get(kind).computeIfAbsent(path, p -> new LinkedHashSet<>(2)).add(w)) {
            byWatcher.computeIfAbsent(w, x -> new EnumMap<>(WatchKind.class))
                    .computeIfAbsent(kind, k -> new HashSet<>()).add(path);
            if (kind == WatchKind.PERSISTENT_RECURSIVE) {
                recursiveCount++;
            }
        }
    }

    public boolean contains(WatchKind kind, String path, Watcher w) {
        Set<Watcher> set = byKind.get(kind).get(path);
        return set != null && set.contains(w);
    }

    public boolean remove(WatchKind kind, String path, Watcher w) {
        Map<String, Set<Watcher>> table = byKind.get(kind);
        Set<Watcher> set = table.get(path);
        if (set == null || !set.remove(w)) {
            return false;
        }
        if (set.isEmpty()) {
            table.remove(path);
        }
        Map<WatchKind, Set<String>> mine = byWatcher.get(w);
        if (mine != null) {
            Set<String> paths = mine.get(kind);
            if (paths != null) {
                paths.remove(path);
                if (paths.isEmpty()) {
                    mine.remove(kind);
                }
            }
            if (mine.isEmpty()) {
                byWatcher.remove(w);
            }
        }
        if (kind == WatchKind.PERSISTENT_RECURSIVE) {
            recursiveCount--;
        }
        return true;
    }

    /** Drops every watch of a connection that went away. */
    public void removeAll(Watcher w) {
        Map<WatchKind, Set<String>> mine = byWatcher.remove(w);
        if (mine == null) {
            return;
        }
        mine.forEach((kind, paths) -> {
            Map<String, Set<Watcher>> table = byKind.get(kind);
            for (String path : paths) {
                Set<Watcher> set = table.get(path);
                if (set != null && set.remove(w)) {
                    if (set.isEmpty()) {
                        table.remove(path);
                    }
                    if (kind == WatchKind.PERSISTENT_RECURSIVE) {
                        recursiveCount--;
                    }
                }
            }
        });
    }

    /**
     * Fires the watches a node event reaches and removes the one-shot ones among them; {@code acl} is the ACL of
     * the node the event is about (for a deleted node, the ACL it had).
     */
    public void trigger(String path, int eventType, long zxid, List<ACL> acl) {
        Set<Watcher> targets = null;
        switch (eventType) {
            case EventType.NODE_CREATED, EventType.NODE_DATA_CHANGED -> {
                targets = take(WatchKind.DATA, path, targets);
                targets = peek(WatchKind.PERSISTENT, path, targets);
                targets = recursive(path, targets);
            }
            case EventType.NODE_DELETED -> {
                targets = take(WatchKind.DATA, path, targets);
                targets = take(WatchKind.CHILD, path, targets);
                targets = peek(WatchKind.PERSISTENT, path, targets);
                targets = recursive(path, targets);
            }
            case EventType.NODE_CHILDREN_CHANGED -> {
                targets = take(WatchKind.CHILD, path, targets);
                targets = peek(WatchKind.PERSISTENT, path, targets);
            }
            default -> throw new IllegalArgumentException("not a node event: " + eventType);
        }
        if (targets == null) {
            return;
        }
        WatchEvent event = new WatchEvent(eventType, path, zxid);
        for (Watcher w : targets) {
            if (mayRead.test(w, acl)) {
                w.deliver(event);
            }
        }
    }

    private Set<Watcher> take(WatchKind kind, String path, Set<Watcher> into) {
        Set<Watcher> set = byKind.get(kind).remove(path);
        if (set == null) {
            return into;
        }
        for (Watcher w : set) {
            Map<WatchKind, Set<String>> mine = byWatcher.get(w);
            if (mine != null) {
                Set<String> paths = mine.get(kind);
                if (paths != null) {
                    paths.remove(path);
                    if (paths.isEmpty()) {
                        mine.remove(kind);
                        if (mine.isEmpty()) {
                            byWatcher.remove(w);
                        }
                    }
                }
            }
        }
        return addAll(into, set);
    }

    private Set<Watcher> peek(WatchKind kind, String path, Set<Watcher> into) {
        Set<Watcher> set = byKind.get(kind).get(path);
        return set == null ? into : addAll(into, set);
    }

    private Set<Watcher> recursive(String path, Set<Watcher> into) {
        if (recursiveCount == 0) {
            return into;
        }
        String p = path;
        while (true) {
            into = peek(WatchKind.PERSISTENT_RECURSIVE, p, into);
            if (p.equals("/")) {
                return into;
            }
            p = PathUtil.parent(p);
        }
    }

    private static Set<Watcher> addAll(Set<Watcher> into, Set<Watcher> set) {
        if (into == null) {
            into = new LinkedHashSet<>(set);
        } else {
            into.addAll(set);
        }
        return into;
    }

    /** The paths a watcher watches, by kind (for wchc, checkWatches and removeWatches). */
    public Map<WatchKind, Set<String>> watchesOf(Watcher w) {
        Map<WatchKind, Set<String>> mine = byWatcher.get(w);
        return mine == null ? Map.of() : mine;
    }

    public int watchCount() {
        int n = 0;
        for (Map<String, Set<Watcher>> table : byKind.values()) {
            for (Set<Watcher> s : table.values()) {
                n += s.size();
            }
        }
        return n;
    }

    public int watchedPathCount() {
        Set<String> paths = new HashSet<>();
        byKind.values().forEach(t -> paths.addAll(t.keySet()));
        return paths.size();
    }

    public List<Watcher> watchers() {
        return new ArrayList<>(byWatcher.keySet());
    }
}
