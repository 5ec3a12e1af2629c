package io.corral.server.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.server.tree.AclCache;
import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tree walk a snapshot is made of: every node once, parents first, with its own stat, data and ACL key. */
class SnapshotWriterTest {
    private static final List<ACL> BOB = List.of(new ACL(31, new Id("digest", "bob:hash")));

    /** Keeps what it is given, through the by-parts method the writer uses (the default builds SnapshotNodes). */
    private static final class Recorder implements SnapshotSink {
        final Map<Long, List<AclEntry>> acls = new HashMap<>();
        final Map<String, SnapshotNode> nodes = new LinkedHashMap<>();

        @Override
        public void sessions(Map<Long, Integer> sessions) {
        }

        @Override
        public void acls(Map<Long, List<AclEntry>> a) {
            acls.putAll(a);
        }

        @Override
        public void node(SnapshotNode n) {
            SnapshotNode before = nodes.put(n.path(), n);
            assertEquals(null, before, n.path() + " written twice");
        }
    }

    private long zxid;

    private void create(DataTree tree, String path, byte[] data, List<ACL> acl, long owner) {
        assertEquals(0, tree.create(path, data, acl, owner, -1, ++zxid, 1000 + zxid), "create " + path);
    }

    /** Three levels of many siblings, names in several scripts, data around the inline limit, a custom ACL. */
    private DataTree sampleTree(List<String> paths) {
        DataTree tree = new DataTree(false);
        String[] names = {"a", "ß", "日本", "z-9", "\uD83D\uDE00"};
        for (int i = 0; i < 5; i++) {
            String p = "/" + names[i] + i;
            create(tree, p, new byte[i * 100], DataTree.OPEN_ACL, 0);
            paths.add(p);
            for (int j = 0; j < 40; j++) {
                String c = p + "/c" + j;
                create(tree, c, j % 3 == 0 ? null : new byte[j * 20], j % 2 == 0 ? BOB : DataTree.OPEN_ACL,
                        j % 5 == 0 ? 0x1_0000_0000_0007L : 0);
                paths.add(c);
                if (j % 10 == 0) {
                    for (int k = 0; k < 3; k++) {
                        String g = c + "/" + names[k] + k;
                        create(tree, g, new byte[] {(byte) k}, DataTree.OPEN_ACL, 0);
                        paths.add(g);
                    }
                }
            }
        }
        for (int i = 0; i < paths.size(); i += 7) {
            assertEquals(0, tree.setData(paths.get(i), new byte[] {7, 7}, 1, ++zxid, 5000 + zxid));
        }
        return tree;
    }

    @Test
    void everyNodeIsWrittenOnceAfterItsParentWithItsOwnStatDataAndAclKey() throws IOException {
        List<String> paths = new ArrayList<>();
        DataTree tree = sampleTree(paths);
        Recorder r = new Recorder();
        new SnapshotWriter(tree, Map.of(), zxid).writeTo(r);

        Set<String> expected = new HashSet<>(paths);
        expected.add("/");
        expected.add(DataTree.ZOOKEEPER);
        expected.add(DataTree.QUOTA);
        expected.add(DataTree.CONFIG);
        assertEquals(expected, r.nodes.keySet());
        assertEquals("/", r.nodes.keySet().iterator().next(), "the root comes first");

        Set<String> seen = new HashSet<>();
        for (SnapshotNode n : r.nodes.values()) {
            if (!n.path().equals("/")) {
                String parent = n.path().substring(0, Math.max(1, n.path().lastIndexOf('/')));
                assertTrue(seen.contains(parent), n.path() + " came before its parent " + parent);
            }
            seen.add(n.path());
            DataNode node = tree.get(n.path());
            assertArrayEquals(node.data() == null ? new byte[0] : node.data(),
                    n.data() == null ? new byte[0] : n.data(), n.path());
            assertEquals(List.of(node.czxid(), node.mzxid(), node.ctime(), node.mtime(), node.version(),
                            node.storedCversion(), node.aversion(), node.ephemeralOwner(), node.pzxid()),
                    List.of(n.czxid(), n.mzxid(), n.ctime(), n.mtime(), n.version(), n.cversion(), n.aversion(),
                            n.ephemeralOwner(), n.pzxid()), n.path());
            long key = n.aclKey();
            if (node.acl() == DataTree.OPEN_ACL) {
                assertEquals(AclCache.OPEN_KEY, key, n.path());
            } else {
                assertEquals(SnapshotWriter.toEntries(node.acl()), r.acls.get(key), n.path());
            }
        }
    }

    @Test
    void nodesCreatedAfterTheSnapshotZxidAreLeftOutWithTheirSubtrees() throws IOException {
        List<String> paths = new ArrayList<>();
        DataTree tree = sampleTree(paths);
        long snapshotZxid = zxid;
        create(tree, "/late", new byte[1], DataTree.OPEN_ACL, 0);
        create(tree, "/late/child", new byte[1], DataTree.OPEN_ACL, 0);
        create(tree, paths.get(1) + "/late", new byte[1], DataTree.OPEN_ACL, 0);

        Recorder r = new Recorder();
        new SnapshotWriter(tree, Map.of(), snapshotZxid).writeTo(r);

        assertFalse(r.nodes.containsKey("/late"));
        assertFalse(r.nodes.containsKey("/late/child"));
        assertFalse(r.nodes.containsKey(paths.get(1) + "/late"));
        assertTrue(r.nodes.containsKey(paths.get(1)), "its older parent is still written");
        assertEquals(paths.size() + 4, r.nodes.size());
        assertNotEquals(0, r.nodes.get(paths.get(1)).czxid());
    }

    @Test
    void aLeafHasNoChildNodesAndAParentEmptiedByDeletesHasNoneEither() {
        DataTree tree = new DataTree(false);
        create(tree, "/p", null, DataTree.OPEN_ACL, 0);
        create(tree, "/p/c", null, DataTree.OPEN_ACL, 0);
        assertEquals(0, tree.get("/p/c").childNodes().length);
        assertEquals(1, tree.get("/p").childNodes().length);
        assertEquals(0, tree.delete("/p/c", ++zxid));
        assertEquals(0, tree.get("/p").childNodes().length);
    }
}
