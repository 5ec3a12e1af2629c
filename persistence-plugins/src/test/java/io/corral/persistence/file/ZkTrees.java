package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.PersistenceFixtures.RecordingSink;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.StatPersisted;
import org.apache.zookeeper.server.DataNode;
import org.apache.zookeeper.server.DataTree;

/** Apache ZooKeeper's DataTree seen through the SPI: copies of its nodes, and comparisons with what we load. */
final class ZkTrees {
    /** A node's content as both sides can state it: data, resolved ACL list and persisted stat. */
    record NodeState(byte[] data, List<AclEntry> acl, long czxid, long mzxid, long ctime, long mtime, int version,
                     int cversion, int aversion, long ephemeralOwner, long pzxid) {
    }

    private ZkTrees() {
    }

    /** Every node of {@code dt}, by SPI path ("/" for the root). */
    static Map<String, NodeState> copy(DataTree dt) {
        Map<String, NodeState> out = new TreeMap<>();
        walk(dt, "/", out);
        return out;
    }

    private static void walk(DataTree dt, String path, Map<String, NodeState> out) {
        DataNode n = dt.getNode(path);
        StatPersisted s = n.stat;
        out.put(path, new NodeState(n.getData(), entries(dt.getACL(n)), s.getCzxid(), s.getMzxid(), s.getCtime(),
                s.getMtime(), s.getVersion(), s.getCversion(), s.getAversion(), s.getEphemeralOwner(), s.getPzxid()));
        for (String child : n.getChildren()) {
            walk(dt, path.equals("/") ? "/" + child : path + "/" + child, out);
        }
    }

    static List<AclEntry> entries(List<ACL> acl) {
        List<AclEntry> out = new ArrayList<>();
        for (ACL a : acl) {
            out.add(new AclEntry(a.getPerms(), a.getId().getScheme(), a.getId().getId()));
        }
        return out;
    }

    static List<ACL> acls(List<AclEntry> entries) {
        List<ACL> out = new ArrayList<>();
        for (AclEntry e : entries) {
            out.add(new ACL(e.perms(), new Id(e.scheme(), e.id())));
        }
        return out;
    }

    /** The nodes a sink received, with ACL keys resolved through the ACLs it received (-1 = open). */
    static Map<String, NodeState> loaded(RecordingSink sink) {
        Map<String, NodeState> out = new TreeMap<>();
        for (SnapshotNode n : sink.nodes) {
            List<AclEntry> acl = n.aclKey() == SnapshotSink.OPEN_ACL_KEY
                    ? entries(ZooDefs.Ids.OPEN_ACL_UNSAFE) : sink.acls.get(n.aclKey());
            out.put(n.path(), new NodeState(n.data(), acl, n.czxid(), n.mzxid(), n.ctime(), n.mtime(), n.version(),
                    n.cversion(), n.aversion(), n.ephemeralOwner(), n.pzxid()));
        }
        return out;
    }

    /**
     * {@code dt} as a snapshot source, depth-first from the root: ACL lists get keys 1, 2, ... as ZooKeeper
     * gives them, and the open ACL the reserved key -1.
     */
    static SnapshotSource source(DataTree dt, Map<Long, Integer> sessions) {
        return sink -> {
            Map<String, NodeState> nodes = copy(dt);
            Map<List<AclEntry>, Long> keys = new HashMap<>();
            Map<Long, List<AclEntry>> acls = new HashMap<>();
            List<AclEntry> open = entries(ZooDefs.Ids.OPEN_ACL_UNSAFE);
            for (NodeState s : nodes.values()) {
                if (!s.acl().equals(open) && !keys.containsKey(s.acl())) {
                    long key = keys.size() + 1L;
                    keys.put(s.acl(), key);
                    acls.put(key, s.acl());
                }
            }
            sink.sessions(sessions);
            sink.acls(acls);
            // A TreeMap of paths is not depth-first ("/a-b" sorts between "/a" and "/a/x"): walk the tree.
            push(dt, "/", nodes, keys, sink);
        };
    }

    private static void push(DataTree dt, String path, Map<String, NodeState> nodes, Map<List<AclEntry>, Long> keys,
                             SnapshotSink sink) throws java.io.IOException {
        NodeState s = nodes.get(path);
        sink.node(new SnapshotNode(path, s.data(), keys.getOrDefault(s.acl(), SnapshotSink.OPEN_ACL_KEY), s.czxid(),
                s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(), s.aversion(), s.ephemeralOwner(),
                s.pzxid()));
        for (String child : dt.getNode(path).getChildren()) {
            push(dt, path.equals("/") ? "/" + child : path + "/" + child, nodes, keys, sink);
        }
    }

    static void assertSameNodes(Map<String, NodeState> expected, Map<String, NodeState> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "node paths");
        for (Map.Entry<String, NodeState> e : expected.entrySet()) {
            NodeState want = e.getValue();
            NodeState got = actual.get(e.getKey());
            String p = e.getKey();
            assertArrayEquals(want.data(), got.data(), p + " data");
            assertEquals(want.acl(), got.acl(), p + " acl");
            assertEquals(new NodeState(null, want.acl(), want.czxid(), want.mzxid(), want.ctime(), want.mtime(),
                    want.version(), want.cversion(), want.aversion(), want.ephemeralOwner(), want.pzxid()),
                    new NodeState(null, got.acl(), got.czxid(), got.mzxid(), got.ctime(), got.mtime(),
                            got.version(), got.cversion(), got.aversion(), got.ephemeralOwner(), got.pzxid()),
                    p + " stat");
        }
    }
}
