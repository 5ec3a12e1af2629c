package io.corral.server.pipeline;

import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import java.util.ArrayDeque;
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

    /** The changes of one request, visible to its own later ops, published only by {@link #commit(long)}. */
    final class Layer {
        private final Map<String, NodeState> local = new HashMap<>();
        private final ArrayDeque<String> order = new ArrayDeque<>();

        NodeState lookup(String path) {
            NodeState s = local.get(path);
            if (s != null) {
                return s == DELETED ? null : s;
            }
            return PendingChanges.this.lookup(path);
        }

        void put(String path, NodeState state) {
            if (local.put(path, state) == null) {
                order.add(path);
            }
        }

        void delete(String path) {
            put(path, DELETED);
        }

        void clear() {
            local.clear();
            order.clear();
        }

        /** Publishes the changes as those of transaction {@code zxid}. */
        void commit(long zxid) {
            for (String path : order) {
                Change c = new Change(zxid, path, local.get(path));
                byPath.put(path, c);
                inOrder.add(c);
            }
        }
    }
}
