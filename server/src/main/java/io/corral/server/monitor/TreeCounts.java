package io.corral.server.monitor;

import io.corral.server.watch.WatchKind;
import io.corral.server.watch.Watcher;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts of pipeline-owned state as ZooKeeper reports them, taken in one pass on the pipeline thread.
 *
 * @param nodeCount  srvr's and mntr's node count (ZooKeeper's root is counted twice)
 * @param watchCount mntr's watch_count: ZooKeeper keeps data watches (getData, exists, persistent and
 *                   persistent-recursive) and child watches (getChildren, persistent) in two tables and adds their
 *                   sizes, a watcher counted once per path in each
 */
public record TreeCounts(int nodeCount, int watchCount, int ephemerals, long approximateDataSize) {
    static final TreeCounts EMPTY = new TreeCounts(0, 0, 0, 0);

    static TreeCounts of(PipelineState s) {
        int watches = 0;
        for (Watcher w : s.watches().watchers()) {
            Map<WatchKind, Set<String>> mine = s.watches().watchesOf(w);
            if (!mine.containsKey(WatchKind.PERSISTENT) && !mine.containsKey(WatchKind.PERSISTENT_RECURSIVE)) {
                // The common case costs O(1) per watcher: one-shot data and child watches never share a table.
                watches += mine.getOrDefault(WatchKind.DATA, Set.of()).size() + mine.getOrDefault(WatchKind.CHILD, Set.of()).size();
            } else {
                watches += dataPaths(mine).size() + childPaths(mine).size();
            }
        }
        return new TreeCounts(s.tree().nodeCountAsZooKeeper(), watches, s.tree().ephemeralCount(),
                s.tree().approximateDataSize());
    }

    /** The paths a watcher has in ZooKeeper's data watch table. */
    static Set<String> dataPaths(Map<WatchKind, Set<String>> mine) {
        Set<String> out = new HashSet<>();
        for (WatchKind k : new WatchKind[] {WatchKind.DATA, WatchKind.PERSISTENT, WatchKind.PERSISTENT_RECURSIVE}) {
            out.addAll(mine.getOrDefault(k, Set.of()));
        }
        return out;
    }

    /** The paths a watcher has in ZooKeeper's child watch table. */
    static Set<String> childPaths(Map<WatchKind, Set<String>> mine) {
        Set<String> out = new HashSet<>(mine.getOrDefault(WatchKind.CHILD, Set.of()));
        out.addAll(mine.getOrDefault(WatchKind.PERSISTENT, Set.of()));
        return out;
    }
}
