package io.corral.client;

import io.corral.protocol.EventType;
import io.corral.protocol.WatcherType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which watchers wait for which client path. One-shot watches leave the table when they fire; persistent ones stay
 * until removed. Paths are the caller's (inside the chroot). Thread-safe; it is changed by the reader thread (replies
 * and events) and by callers (removeWatches).
 */
final class WatchRegistry {
    private final Map<WatchKind, Map<String, Set<Watcher>>> tables = new EnumMap<>(WatchKind.class);

    WatchRegistry() {
        for (WatchKind kind : WatchKind.values()) {
            tables.put(kind, new HashMap<>());
        }
    }

    synchronized void add(WatchKind kind, String path, Watcher watcher) {
        tables.get(kind).computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watcher);
    }

    /**
     * The watchers a node event goes to, each once, with the one-shot ones taken out of the tables. NodeCreated and
     * NodeDataChanged fire data and exist watches, NodeChildrenChanged child watches, NodeDeleted all three;
     * persistent watches fire for every type on their own path, recursive ones for every type but
     * NodeChildrenChanged on their path and below.
     */
    synchronized Set<Watcher> materialize(int eventType, String path) {
        Set<Watcher> result = new LinkedHashSet<>();
        switch (eventType) {
            case EventType.NODE_CREATED, EventType.NODE_DATA_CHANGED -> {
                take(WatchKind.DATA, path, result);
                take(WatchKind.EXIST, path, result);
            }
            case EventType.NODE_CHILDREN_CHANGED -> take(WatchKind.CHILD, path, result);
            case EventType.NODE_DELETED -> {
                take(WatchKind.DATA, path, result);
                take(WatchKind.EXIST, path, result);
                take(WatchKind.CHILD, path, result);
            }
            default -> {
                return result;
            }
        }
        Set<Watcher> persistent = tables.get(WatchKind.PERSISTENT).get(path);
        if (persistent != null) {
            result.addAll(persistent);
        }
        if (eventType != EventType.NODE_CHILDREN_CHANGED && path != null) {
            Map<String, Set<Watcher>> recursive = tables.get(WatchKind.PERSISTENT_RECURSIVE);
            for (String p = path; p != null; p = parent(p)) {
                Set<Watcher> ws = recursive.get(p);
                if (ws != null) {
                    result.addAll(ws);
                }
            }
        }
        return result;
    }

    private void take(WatchKind kind, String path, Set<Watcher> into) {
        Set<Watcher> ws = tables.get(kind).remove(path);
        if (ws != null) {
            into.addAll(ws);
        }
    }

    /** "/a/b" -> "/a" -> "/" -> null. */
    static String parent(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Every watcher in any table, each once: they all hear about connection state changes. */
    synchronized Set<Watcher> all() {
        Set<Watcher> result = new LinkedHashSet<>();
        for (Map<String, Set<Watcher>> table : tables.values()) {
            for (Set<Watcher> ws : table.values()) {
                result.addAll(ws);
            }
        }
        return result;
    }

    synchronized List<String> paths(WatchKind kind) {
        return new ArrayList<>(tables.get(kind).keySet());
    }

    synchronized boolean isEmpty() {
        for (Map<String, Set<Watcher>> table : tables.values()) {
            if (!table.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    synchronized void clear() {
        for (Map<String, Set<Watcher>> table : tables.values()) {
            table.clear();
        }
    }

    /** A watcher taken out by {@link #remove}, and the event type (5, 6 or 7) that tells it so. */
    record Removed(Watcher watcher, int eventType) {
    }

    /** True if {@link #remove} with the same arguments would remove anything. */
    synchronized boolean contains(String path, int watcherType, Watcher watcher) {
        for (WatchKind kind : kindsOf(watcherType)) {
            Set<Watcher> ws = tables.get(kind).get(path);
            if (ws != null && (watcher == null ? !ws.isEmpty() : ws.contains(watcher))) {
                return true;
            }
        }
        return false;
    }

    /** True if a watcher other than {@code watcher} holds a watch of this type on the path. */
    synchronized boolean hasOthers(String path, int watcherType, Watcher watcher) {
        for (WatchKind kind : kindsOf(watcherType)) {
            Set<Watcher> ws = tables.get(kind).get(path);
            if (ws != null && (ws.size() > 1 || ws.size() == 1 && !ws.contains(watcher))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes watches of one {@link WatcherType} off a path: {@code watcher}'s only, or all of them if it is null.
     * Data removes data and exist watches, as ZooKeeper keeps both in its data table.
     */
    synchronized List<Removed> remove(String path, int watcherType, Watcher watcher) {
        List<Removed> removed = new ArrayList<>();
        for (WatchKind kind : kindsOf(watcherType)) {
            Map<String, Set<Watcher>> table = tables.get(kind);
            Set<Watcher> ws = table.get(path);
            if (ws == null) {
                continue;
            }
            List<Watcher> taken = new ArrayList<>();
            if (watcher == null) {
                taken.addAll(ws);
                ws.clear();
            } else if (ws.remove(watcher)) {
                taken.add(watcher);
            }
            if (ws.isEmpty()) {
                table.remove(path);
            }
            for (Watcher w : taken) {
                removed.add(new Removed(w, removalEvent(kind)));
            }
        }
        return removed;
    }

    private static int removalEvent(WatchKind kind) {
        return switch (kind) {
            case DATA, EXIST -> EventType.DATA_WATCH_REMOVED;
            case CHILD -> EventType.CHILD_WATCH_REMOVED;
            case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PERSISTENT_WATCH_REMOVED;
        };
    }

    private static List<WatchKind> kindsOf(int watcherType) {
        return switch (watcherType) {
            case WatcherType.CHILDREN -> List.of(WatchKind.CHILD);
            case WatcherType.DATA -> List.of(WatchKind.DATA, WatchKind.EXIST);
            case WatcherType.PERSISTENT -> List.of(WatchKind.PERSISTENT);
            case WatcherType.PERSISTENT_RECURSIVE -> List.of(WatchKind.PERSISTENT_RECURSIVE);
            case WatcherType.ANY -> List.of(WatchKind.values());
            default -> throw new IllegalArgumentException("unknown watcher type " + watcherType);
        };
    }
}
