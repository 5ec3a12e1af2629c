package io.corral.server.persist;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import io.corral.protocol.data.ACL;
import io.corral.server.tree.AclCache;
import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes a fuzzy snapshot of the tree into a backend while transactions keep applying.
 *
 * <p>Why it is correct: recovery replays every transaction after {@code snapshotZxid}, and replay tolerates
 * effects already present. Two cases need care, both about nodes whose ACL list is newer than the ACL section
 * written first: a node created after the snapshot began (czxid greater than {@code snapshotZxid}) is left out
 * with its subtree, since replay creates it; an older node whose ACL was replaced meanwhile is written with the
 * open ACL key, since replay of its setACL puts the right one back.
 *
 * <p>Runs on the snapshot thread. {@code sessions} must be a copy taken on the apply thread.
 */
public final class SnapshotWriter implements SnapshotSource {
    private final DataTree tree;
    private final Map<Long, Integer> sessions;
    private final long snapshotZxid;

    public SnapshotWriter(DataTree tree, Map<Long, Integer> sessions, long snapshotZxid) {
        this.tree = tree;
        this.sessions = sessions;
        this.snapshotZxid = snapshotZxid;
    }

    @Override
    public void writeTo(SnapshotSink sink) throws IOException {
        sink.sessions(sessions);
        Map<Long, List<ACL>> lists = tree.acls().snapshotOfLists();
        Map<Long, List<AclEntry>> entries = new HashMap<>();
        lists.forEach((k, v) -> entries.put(k, toEntries(v)));
        sink.acls(entries);
        writeNodes(sink, lists);
    }

    /**
     * Depth first from the root, parents before children, following the nodes' own child tables: no lookup by
     * path per node (with a path map, those lookups took a third of a busy server's CPU samples).
     *
     * <p>Why it is shaped this way: on a large tree the walk's own cost is memory latency, a cache miss on the
     * node and another on its record (writing the file, through the page cache, cost far more: see the file
     * backend's direct writes). So each node is visited once, its path built from its parent's
     * when it is written (building every child's path when the parent was reached touched each node twice, and
     * the second touch missed again once ten thousand siblings had passed through the cache). Touching a node a
     * few siblings ahead, to overlap its misses with the work on this one, bought nothing measurable (the
     * processor already overlaps them) and was left out.
     */
    private void writeNodes(SnapshotSink sink, Map<Long, List<ACL>> written) throws IOException {
        DataNode root = tree.root();
        root.writeTo(sink, "/", aclKeyOf(root, written));
        ArrayDeque<Siblings> branch = new ArrayDeque<>();
        DataNode[] top = root.childNodes();
        if (top.length > 0) {
            branch.push(new Siblings(top, "/"));
        }
        while (!branch.isEmpty()) {
            Siblings level = branch.peek();
            if (level.next == level.nodes.length) {
                branch.pop();
                continue;
            }
            int i = level.next++;
            DataNode node = level.nodes[i];
            if (node.czxid() > snapshotZxid) {
                continue; // created after the snapshot began, with its subtree: replay creates them
            }
            String path = node.pathUnder(level.prefix, level.asciiPrefix);
            node.writeTo(sink, path, aclKeyOf(node, written));
            // A child deleted after this copy is still written: the log after snapshotZxid deletes it again.
            DataNode[] children = node.childNodes();
            if (children.length > 0) {
                branch.push(new Siblings(children, path + "/"));
            }
        }
    }

    /** One level of the walk: the children of a node being written, and the path prefix they share. */
    private static final class Siblings {
        final DataNode[] nodes;
        final String prefix;
        final byte[] asciiPrefix;
        int next;

        Siblings(DataNode[] nodes, String prefix) {
            this.nodes = nodes;
            this.prefix = prefix;
            this.asciiPrefix = DataNode.asciiBytes(prefix);
        }
    }

    /** The node's ACL key, or the open ACL's when its list is newer than the ACL section (replay sets it). */
    private long aclKeyOf(DataNode n, Map<Long, List<ACL>> written) {
        Long key = tree.acls().keyOf(n.acl());
        if (key == null || (key != AclCache.OPEN_KEY && !written.containsKey(key))) {
            return AclCache.OPEN_KEY;
        }
        return key;
    }

    static List<AclEntry> toEntries(List<ACL> acl) {
        List<AclEntry> out = new ArrayList<>(acl.size());
        for (ACL a : acl) {
            out.add(new AclEntry(a.perms(), a.id().scheme(), a.id().id()));
        }
        return out;
    }
}
