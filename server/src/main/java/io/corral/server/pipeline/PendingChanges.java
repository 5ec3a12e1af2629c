package io.corral.server.pipeline;

import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The effect of transactions that are prepared but not yet applied, so that the next request is validated
 * against the tree as it will be (ZooKeeper's "outstanding changes"). A create followed at once by a create of
 * its child must succeed although the parent is not in the tree yet.
 *
 * <p>A {@link Layer} collects the changes of one request; a multi discards its layer when an op fails. Owned by
 * the pipeline thread.
 */
final class PendingChanges {
    /** A missing node, distinct from "no pending change". */
    static final NodeState DELETED = new NodeState(-1, -1, -1, 0, -1, null);

    private record Change(long zxid, String path, NodeState state) {
    }

    private final DataTree tree;
    private final Map<String, Change> byPath = new HashMap<>();
    private final ArrayDeque<Change> inOrder = new ArrayDeque<>();

    PendingChanges(DataTree tree) {
        this.tree = tree;
    }

    /** The node as it will be once every pending transaction has applied; null if it will not exist. */
    NodeState lookup(String path) {
        Change c = byPath.get(path);
        if (c != null) {
            return c.state == DELETED ? null : c.state;
        }
        DataNode n = tree.get(path);
        return n == null ? null : NodeState.of(n);
    }

    /** Every pending state, for closeSession to find ephemerals created after its own prepare began. */
    Iterable<String> pendingPaths() {
        return byPath.keySet();
    }

    Layer layer() {
        return new Layer();
    }

    /** Forgets changes of transactions up to {@code zxid}: the tree now holds them. */
    void applied(long zxid) {
        while (!inOrder.isEmpty() && inOrder.peekFirst().zxid <= zxid) {
            Change c = inOrder.pollFirst();
            byPath.remove(c.path, c);
        }
    }

    boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /**
     * The changes of one request, visible to its own later ops, published only by {@link #commit(long)}. Most
     * requests change one or two paths: they live in two small arrays, searched in order (a hash map and a deque
     * per request were a tenth of what a busy server allocated); a large multi adds an index by path.
     */
    final class Layer {
        private static final int INDEXED_FROM = 8;

        private String[] paths;
        private NodeState[] states;
        private int size;
        private Map<String, Integer> index;

        NodeState lookup(String path) {
            int i = find(path);
            if (i >= 0) {
                NodeState s = states[i];
                return s == DELETED ? null : s;
            }
            return PendingChanges.this.lookup(path);
        }

        void put(String path, NodeState state) {
            int i = find(path);
            if (i >= 0) {
                states[i] = state;
                return;
            }
            if (paths == null) {
                paths = new String[2];
                states = new NodeState[2];
            } else if (size == paths.length) {
                paths = Arrays.copyOf(paths, size * 2);
                states = Arrays.copyOf(states, size * 2);
            }
            paths[size] = path;
            states[size] = state;
            if (index != null) {
                index.put(path, size);
            } else if (size + 1 == INDEXED_FROM) {
                index = new HashMap<>();
                for (int j = 0; j <= size; j++) {
                    index.put(paths[j], j);
                }
            }
            size++;
        }

        void delete(String path) {
            put(path, DELETED);
        }

        void clear() {
            paths = null;
            states = null;
            size = 0;
            index = null;
        }

        /** Publishes the changes as those of transaction {@code zxid}, in the order they were first made. */
        void commit(long zxid) {
            for (int i = 0; i < size; i++) {
                Change c = new Change(zxid, paths[i], states[i]);
                byPath.put(paths[i], c);
                inOrder.add(c);
            }
        }

        private int find(String path) {
            if (index != null) {
                Integer i = index.get(path);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (paths[i].equals(path)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
