package io.corral.server.persist;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.server.tree.DataTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills a fresh tree and the recovered session list from a snapshot the backend reads back. */
final class TreeLoader implements SnapshotSink {
    private static final Logger LOG = LoggerFactory.getLogger(TreeLoader.class);

    private final DataTree tree;
    private final Map<Long, Integer> sessions = new HashMap<>();
    private final Map<Long, List<ACL>> acls = new HashMap<>();
    private long nodes;

    TreeLoader(DataTree tree) {
        this.tree = tree;
    }

    Map<Long, Integer> sessions() {
        return sessions;
    }

    long nodeCount() {
        return nodes;
    }

    @Override
    public void sessions(Map<Long, Integer> loaded) {
        sessions.putAll(loaded);
    }

    @Override
    public void acls(Map<Long, List<AclEntry>> loaded) {
        loaded.forEach((key, entries) -> {
            List<ACL> list = new ArrayList<>(entries.size());
            for (AclEntry e : entries) {
                list.add(new ACL(e.perms(), new Id(e.scheme(), e.id())));
            }
            acls.put(key, list);
        });
    }

    @Override
    public void node(SnapshotNode n) {
        List<ACL> acl = n.aclKey() == OPEN_ACL_KEY ? DataTree.OPEN_ACL : acls.get(n.aclKey());
        if (acl == null) {
            // ZooKeeper's fuzzy snapshots can name an ACL written after the ACL section; replay restores it.
            LOG.warn("Snapshot node {} refers to unknown ACL key {}; using the open ACL until replay sets it", n.path(), n.aclKey());
            acl = DataTree.OPEN_ACL;
        }
        tree.load(n.path(), n.data(), acl, n.czxid(), n.mzxid(), n.ctime(), n.mtime(), n.version(), n.cversion(),
                n.aversion(), n.ephemeralOwner(), n.pzxid());
        nodes++;
    }
}
