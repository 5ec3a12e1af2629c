package io.corral.persistence.memory;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import io.corral.api.persistence.SnapshotStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Snapshots kept as lists of what the server pushed; replayed into a sink the same way. */
final class MemorySnapshotStore implements SnapshotStore {
    private record Snapshot(Map<Long, Integer> sessions, Map<Long, List<AclEntry>> acls, List<SnapshotNode> nodes) {
    }

    private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();

    @Override
    public void write(long zxid, SnapshotSource source) throws IOException {
        List<SnapshotNode> nodes = new ArrayList<>();
        Object[] header = new Object[2];
        source.writeTo(new SnapshotSink() {
            @Override
            @SuppressWarnings("unchecked")
            public void sessions(Map<Long, Integer> sessions) {
                header[0] = Map.copyOf(sessions);
            }

            @Override
            public void acls(Map<Long, List<AclEntry>> acls) {
                header[1] = Map.copyOf(acls);
            }

            @Override
            public void node(SnapshotNode node) {
                nodes.add(node);
            }
        });
        @SuppressWarnings("unchecked")
        Snapshot s = new Snapshot((Map<Long, Integer>) header[0], (Map<Long, List<AclEntry>>) header[1], nodes);
        synchronized (this) {
            snapshots.put(zxid, s);
        }
    }

    @Override
    public long loadNewest(SnapshotSink sink) throws IOException {
        Map.Entry<Long, Snapshot> newest;
        synchronized (this) {
            newest = snapshots.lastEntry();
        }
        if (newest == null) {
            return -1;
        }
        Snapshot s = newest.getValue();
        sink.sessions(s.sessions());
        sink.acls(s.acls());
        for (SnapshotNode n : s.nodes()) {
            sink.node(n);
        }
        return newest.getKey();
    }

    @Override
    public synchronized void deleteAfter(long zxid) {
        snapshots.tailMap(zxid, false).clear();
    }

    @Override
    public synchronized List<Long> list() {
        return new ArrayList<>(snapshots.descendingKeySet());
    }

    /** Keeps the newest {@code retain}; returns the zxid of the oldest kept, or -1 when none is. */
    synchronized long purge(int retain) {
        while (snapshots.size() > retain) {
            snapshots.pollFirstEntry();
        }
        return snapshots.isEmpty() ? -1 : snapshots.firstKey();
    }
}
