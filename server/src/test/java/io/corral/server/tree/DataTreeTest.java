package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataTreeTest {
    private static final List<ACL> OPEN = DataTree.OPEN_ACL;
    private static final long SESSION = 0x0100000000000001L;
    private static final long T0 = 1_700_000_000_000L;

    private final DataTree tree = new DataTree(true);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Stat stat(String path) {
        DataNode n = tree.get(path);
        assertNotNull(n, path + " should exist");
        return tree.statOf(n);
    }

    /** Creates {@code path} as the prepare stage would: parent cversion + 1. */
    private void create(String path, long zxid) {
        assertEquals(Code.OK, tree.create(path, bytes(path), OPEN, 0, -1, zxid, T0 + zxid));
    }

    @Test
    void freshTreeHasTheBuiltInNodes() {
        assertEquals(Set.of("zookeeper"), tree.get("/").children());
        assertEquals(Set.of("quota", "config"), tree.get(DataTree.ZOOKEEPER).children());
        assertEquals(5, tree.nodeCountAsZooKeeper(), "ZooKeeper's srvr counts its root twice");
        assertEquals(4, tree.nodeCount());
        for (String p : List.of("/", DataTree.ZOOKEEPER, DataTree.QUOTA, DataTree.CONFIG)) {
            DataNode n = tree.get(p);
            assertEquals(0, n.czxid(), p);
            assertEquals(0, n.mzxid(), p);
            assertEquals(0, n.pzxid(), p);
            assertEquals(0, n.mtime(), p);
            assertEquals(0, n.version(), p);
            assertEquals(0, n.storedCversion(), p);
            assertEquals(0, n.ephemeralOwner(), p);
            assertEquals(p.equals(DataTree.CONFIG) ? -1 : 0, n.aversion(), p);
        }
        assertEquals(List.of(new ACL(Perms.READ, new Id("world", "anyone"))), tree.get(DataTree.CONFIG).acl());
        assertEquals(List.of(new ACL(Perms.ALL, new Id("world", "anyone"))), tree.get("/").acl());
        assertEquals(OPEN, tree.get(DataTree.QUOTA).acl());
        // The client cversion of a built-in is 2 * 0 - numChildren, as ZooKeeper shows it ("stat /" says -1).
        assertEquals(-1, stat("/").cversion());
        assertEquals(-2, stat(DataTree.ZOOKEEPER).cversion());
        assertEquals(0, stat(DataTree.CONFIG).dataLength());
    }

    @ParameterizedTest(name = "{0} reserved={1}")
    @CsvSource({"/, true", "/zookeeper, true", "/zookeeper/quota, true", "/zookeeper/config, true",
        "/zookeeper/other, false", "/a, false", "/zookeeperx, false"})
    void reservedPaths(String path, boolean reserved) {
        assertEquals(reserved, DataTree.isReserved(path));
    }

    @Test
    void createSetsTheNewNodesStatAndTheParents() {
        assertEquals(Code.OK, tree.create("/a", bytes("hello"), OPEN, 0, 1, 7, T0));
        Stat s = stat("/a");
        assertEquals(new Stat(7, 7, T0, T0, 0, 0, 0, 0, 5, 0, 7), s);
        DataNode root = tree.get("/");
        assertEquals(1, root.storedCversion());
        assertEquals(7, root.pzxid());
        assertEquals(0, root.mzxid(), "a child create does not touch the parent's mzxid");
        assertTrue(root.children().contains("a"));
        assertArrayEquals(bytes("hello"), tree.get("/a").data());
    }

    @Test
    void parentCVersionMinusOneMeansOneMore() {
        create("/a", 1);
        assertEquals(1, tree.get("/").storedCversion());
        assertEquals(Code.OK, tree.create("/a/x", null, OPEN, 0, -1, 2, T0));
        assertEquals(Code.OK, tree.create("/a/y", null, OPEN, 0, -1, 3, T0));
        assertEquals(2, tree.get("/a").storedCversion());
        assertEquals(3, tree.get("/a").pzxid());
        assertEquals(0, stat("/a/x").dataLength(), "null data has length 0");
    }

    @Test
    void parentCVersionAndPzxidOnlyMoveForward() {
        create("/p", 1);
        assertEquals(Code.OK, tree.create("/p/a", null, OPEN, 0, 5, 2, T0));
        assertEquals(5, tree.get("/p").storedCversion());
        assertEquals(2, tree.get("/p").pzxid());
        // A replayed create carrying an older cversion (fuzzy snapshot) adds the node but moves nothing back.
        assertEquals(Code.OK, tree.create("/p/b", null, OPEN, 0, 3, 3, T0));
        assertEquals(5, tree.get("/p").storedCversion());
        assertEquals(2, tree.get("/p").pzxid());
        assertNotNull(tree.get("/p/b"));
        assertEquals(2, tree.get("/p").numChildren());
    }

    @Test
    void createReportsNodeExistsAndNoNodeWithoutChangingAnything() {
        create("/a", 1);
        assertEquals(Code.NODEEXISTS, tree.create("/a", bytes("other"), OPEN, SESSION, -1, 2, T0 + 2));
        assertArrayEquals(bytes("/a"), tree.get("/a").data());
        assertEquals(1, tree.get("/").storedCversion(), "a failed create does not bump the parent");
        assertEquals(1, tree.get("/").pzxid());
        assertTrue(tree.ephemeralsOf(SESSION).isEmpty());

        assertEquals(Code.NONODE, tree.create("/missing/child", null, OPEN, 0, -1, 3, T0));
        assertNull(tree.get("/missing/child"));
        assertEquals(Code.NODEEXISTS, tree.create("/", null, OPEN, 0, -1, 4, T0));
    }

    @Test
    void clientCversionCountsCreatesAndDeletes() {
        create("/p", 1);
        create("/p/a", 2);
        create("/p/b", 3);
        create("/p/c", 4);
        assertEquals(Code.OK, tree.delete("/p/b", 5));
        DataNode p = tree.get("/p");
        assertEquals(3, p.storedCversion(), "delete leaves the stored cversion alone");
        assertEquals(5, p.pzxid());
        assertEquals(Set.of("a", "c"), p.children());
        Stat s = stat("/p");
        assertEquals(4, s.cversion(), "3 creates + 1 delete");
        assertEquals(2, s.numChildren());
        assertEquals(Code.OK, tree.delete("/p/a", 6));
        assertEquals(Code.OK, tree.delete("/p/c", 7));
        assertEquals(6, stat("/p").cversion());
        assertEquals(0, stat("/p").numChildren());
        assertTrue(tree.get("/p").children().isEmpty());
    }

    @Test
    void deleteOfMissingOrRootIsNoNode() {
        assertEquals(Code.NONODE, tree.delete("/nope", 1));
        assertEquals(Code.NONODE, tree.delete("/", 1));
        assertNotNull(tree.get("/"));
    }

    @Test
    void deleteOfAChildAlreadyGoneStillMovesTheParentsPzxidAsZooKeeperDoes() {
        // Replay over a fuzzy snapshot: the snapshot already lacks the child the logged delete removes.
        tree.create("/p", new byte[0], DataTree.OPEN_ACL, 0, 0, 3, 0);
        assertEquals(Code.NONODE, tree.delete("/p/gone", 9));
        assertEquals(9, stat("/p").pzxid());
        assertEquals(Code.NONODE, tree.delete("/p/gone", 4));
        assertEquals(9, stat("/p").pzxid(), "never backwards");
    }

    @Test
    void deleteNeverMovesPzxidBack() {
        create("/p", 1);
        create("/p/a", 2);
        create("/p/b", 10);
        assertEquals(Code.OK, tree.delete("/p/a", 5));
        assertEquals(10, tree.get("/p").pzxid());
    }

    @Test
    void setDataChangesDataVersionMzxidAndMtimeOnly() {
        create("/a", 1);
        assertEquals(Code.OK, tree.setData("/a", bytes("new value"), 1, 9, T0 + 500));
        Stat s = stat("/a");
        assertEquals(1, s.czxid());
        assertEquals(9, s.mzxid());
        assertEquals(T0 + 1, s.ctime());
        assertEquals(T0 + 500, s.mtime());
        assertEquals(1, s.version());
        assertEquals(9, s.dataLength());
        assertEquals(1, s.pzxid());
        assertEquals(0, s.aversion());
        assertEquals(Code.OK, tree.setData("/a", null, 2, 10, T0 + 600));
        assertEquals(0, stat("/a").dataLength());
        assertEquals(Code.NONODE, tree.setData("/nope", bytes("x"), 1, 11, T0));
    }

    @Test
    void setAclChangesAclAndAversionOnly() {
        create("/a", 1);
        List<ACL> readOnly = List.of(new ACL(Perms.READ, new Id("world", "anyone")));
        assertEquals(Code.OK, tree.setAcl("/a", readOnly, 1));
        assertEquals(readOnly, tree.get("/a").acl());
        Stat s = stat("/a");
        assertEquals(1, s.aversion());
        assertEquals(0, s.version());
        assertEquals(1, s.mzxid());
        assertEquals(Code.NONODE, tree.setAcl("/nope", readOnly, 1));
    }

    @Test
    void equalAclListsAreStoredOnce() {
        List<ACL> a1 = new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("digest", "bob:hash"))));
        List<ACL> a2 = new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("digest", "bob:hash"))));
        assertEquals(Code.OK, tree.create("/x", null, a1, 0, -1, 1, T0));
        assertEquals(Code.OK, tree.create("/y", null, a2, 0, -1, 2, T0));
        assertSame(tree.get("/x").acl(), tree.get("/y").acl());
        a1.clear();
        assertEquals(1, tree.get("/x").acl().size(), "the tree keeps its own copy");
    }

    @Test
    void ephemeralsAreIndexedBySessionAndForgottenOnDelete() {
        long other = SESSION + 1;
        assertEquals(Code.OK, tree.create("/e1", null, OPEN, SESSION, -1, 1, T0));
        assertEquals(Code.OK, tree.create("/e2", null, OPEN, SESSION, -1, 2, T0));
        assertEquals(Code.OK, tree.create("/e3", null, OPEN, other, -1, 3, T0));
        create("/persistent", 4);
        assertEquals(Set.of("/e1", "/e2"), tree.ephemeralsOf(SESSION));
        assertEquals(Set.of("/e3"), tree.ephemeralsOf(other));
        assertEquals(3, tree.ephemeralCount());
        assertEquals(SESSION, stat("/e1").ephemeralOwner());
        assertEquals(0, stat("/persistent").ephemeralOwner());

        assertEquals(Code.OK, tree.delete("/e1", 5));
        assertEquals(Set.of("/e2"), tree.ephemeralsOf(SESSION));
        assertEquals(Code.OK, tree.delete("/e2", 6));
        assertTrue(tree.ephemeralsOf(SESSION).isEmpty());
        assertEquals(1, tree.ephemeralCount());
        assertTrue(tree.ephemeralsOf(12345).isEmpty());
    }

    @Test
    void containersAndTtlNodesAreIndexedAndShowOwnerZero() {
        long ttlOwner = NodeKind.ttlOwner(5000);
        assertEquals(Code.OK, tree.create("/c", null, OPEN, NodeKind.CONTAINER_MARKER, -1, 1, T0));
        assertEquals(Code.OK, tree.create("/t", null, OPEN, ttlOwner, -1, 2, T0));
        assertEquals(Set.of("/c"), tree.containers());
        assertEquals(Set.of("/t"), tree.ttlNodes());
        assertEquals(0, tree.ephemeralCount());
        assertEquals(0, stat("/c").ephemeralOwner());
        assertEquals(0, stat("/t").ephemeralOwner());
        assertEquals(NodeKind.CONTAINER_MARKER, tree.get("/c").ephemeralOwner(), "the stored marker stays");
        assertEquals(ttlOwner, tree.get("/t").ephemeralOwner());

        assertEquals(Code.OK, tree.delete("/c", 3));
        assertEquals(Code.OK, tree.delete("/t", 4));
        assertTrue(tree.containers().isEmpty());
        assertTrue(tree.ttlNodes().isEmpty());
    }

    @Test
    void withoutExtendedTypesATtlMarkedOwnerIsASession() {
        DataTree plain = new DataTree(false);
        assertFalse(plain.extendedTypes());
        long owner = NodeKind.ttlOwner(5000);
        assertEquals(Code.OK, plain.create("/t", null, OPEN, owner, -1, 1, T0));
        assertTrue(plain.ttlNodes().isEmpty());
        assertEquals(Set.of("/t"), plain.ephemeralsOf(owner));
        assertEquals(owner, plain.statOf(plain.get("/t")).ephemeralOwner());
        // Containers do not depend on the flag.
        assertEquals(Code.OK, plain.create("/c", null, OPEN, NodeKind.CONTAINER_MARKER, -1, 2, T0));
        assertEquals(Set.of("/c"), plain.containers());
        assertEquals(0, plain.statOf(plain.get("/c")).ephemeralOwner());
    }

    @Test
    void countDescendantsCountsTheWholeSubtree() {
        assertEquals(3, tree.countDescendants("/"), "zookeeper, quota, config");
        create("/a", 1);
        create("/a/b", 2);
        create("/a/b/c", 3);
        create("/a/d", 4);
        assertEquals(3, tree.countDescendants("/a"));
        assertEquals(1, tree.countDescendants("/a/b"));
        assertEquals(0, tree.countDescendants("/a/d"));
        assertEquals(7, tree.countDescendants("/"));
        assertEquals(0, tree.countDescendants("/missing"));
        assertEquals(8, tree.nodeCount());
    }

    @Test
    void approximateDataSizeFollowsCreatesAndDeletes() {
        long before = tree.approximateDataSize();
        assertEquals(Code.OK, tree.create("/abc", bytes("12345"), OPEN, 0, -1, 1, T0));
        assertEquals(before + 4 + 5, tree.approximateDataSize());
        assertEquals(Code.OK, tree.setData("/abc", bytes("1"), 1, 2, T0));
        assertEquals(before + 4 + 1, tree.approximateDataSize());
        assertEquals(Code.OK, tree.delete("/abc", 3));
        assertEquals(before, tree.approximateDataSize());
    }

    @Test
    void dataOfAnySizeComesBackAndMovesBetweenTheRecordAndItsOwnArray() {
        byte[] small = bytes("s".repeat(DataNode.INLINE_DATA_MAX));
        byte[] large = bytes("L".repeat(DataNode.INLINE_DATA_MAX + 1));
        assertEquals(Code.OK, tree.create("/d", large, OPEN, 0, -1, 1, T0));
        assertSame(large, tree.get("/d").data(), "large data is held as it came, never copied per read");
        create("/d/child", 2);
        assertSame(large, tree.get("/d").data(), "a child's create changes the parent's stat, not its data");
        assertEquals(Code.OK, tree.setData("/d", small, 1, 3, T0 + 3));
        assertArrayEquals(small, tree.get("/d").data());
        assertEquals(small.length, stat("/d").dataLength());
        assertEquals(Code.OK, tree.setData("/d", null, 2, 4, T0 + 4));
        assertNull(tree.get("/d").data(), "null data stays null");
        assertEquals(0, stat("/d").dataLength());
        assertEquals(Code.OK, tree.setData("/d", large, 3, 5, T0 + 5));
        assertSame(large, tree.get("/d").data());
        assertEquals(new Stat(1, 5, T0, T0 + 5, 3, 1, 0, 0, large.length, 1, 2), stat("/d"));
        assertEquals(Code.OK, tree.setData("/d", new byte[0], 4, 6, T0 + 6));
        assertArrayEquals(new byte[0], tree.get("/d").data(), "empty data is not null");
    }

    @Test
    void namesAreFoundWhateverTheirCharacters() {
        create("/ünï", 1);
        create("/ünï/€uro", 2);
        create("/ünï/euro", 3);
        assertNotNull(tree.get("/ünï/€uro"));
        assertArrayEquals(bytes("/ünï/€uro"), tree.get("/ünï/€uro").data());
        assertEquals(Set.of("€uro", "euro"), tree.get("/ünï").children());
        assertEquals("/ünï/€uro", tree.get("/ünï/€uro").pathUnder("/ünï/", DataNode.asciiBytes("/ünï/")));
        assertEquals("/ünï/euro", tree.get("/ünï/euro").pathUnder("/ünï/", null));
        create("/ascii", 5);
        create("/ascii/€", 6);
        create("/ascii/e", 7);
        assertEquals("/ascii/€", tree.get("/ascii/€").pathUnder("/ascii/", DataNode.asciiBytes("/ascii/")));
        assertEquals("/ascii/e", tree.get("/ascii/e").pathUnder("/ascii/", DataNode.asciiBytes("/ascii/")));
        assertNull(DataNode.asciiBytes("/ünï/"));
        assertEquals(Code.OK, tree.delete("/ünï/€uro", 4));
        assertNull(tree.get("/ünï/€uro"));
        assertNotNull(tree.get("/ünï/euro"));
    }

    @Test
    void malformedPathsFindNothing() {
        create("/a", 1);
        for (String p : new String[] {"", "a", "/a/", "//a", "/a//", "/b/a"}) {
            assertNull(tree.get(p), p);
        }
    }

    @Test
    void loadPutsSnapshotNodesInPlaceWithTheirStoredStat() {
        DataTree loaded = new DataTree(true);
        loaded.load("/", new byte[0], OPEN, 0, 0, 0, 0, 0, 2, 0, 0, 9);
        loaded.load("/a", bytes("x"), OPEN, 3, 5, T0, T0 + 1, 2, 4, 1, 0, 8);
        loaded.load("/a/b", null, OPEN, 8, 8, T0, T0, 0, 0, 0, SESSION, 8);
        loaded.load("/a/c", bytes("y"), OPEN, 9, 9, T0, T0, 0, 0, 0, 0, 9);
        loaded.load("/zookeeper", new byte[0], OPEN, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(new Stat(3, 5, T0, T0 + 1, 2, 2 * 4 - 2, 1, 0, 1, 2, 8), loaded.statOf(loaded.get("/a")));
        assertEquals(9, loaded.get("/").pzxid());
        assertEquals(Set.of("/a/b"), loaded.ephemeralsOf(SESSION));
        assertEquals(7, loaded.nodeCount(), "the built-ins are overwritten, not added twice");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> loaded.load("/x/y", null, OPEN, 1, 1, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void aParentDeletedAndCreatedAgainIsNotFoundThroughItsOldSelf() {
        create("/p", 1);
        create("/p/a", 2);
        assertNotNull(tree.get("/p/a"));
        assertEquals(Code.OK, tree.delete("/p/a", 3));
        assertEquals(Code.OK, tree.delete("/p", 4));
        assertNull(tree.get("/p/a"));
        create("/p", 5);
        create("/p/b", 6);
        assertNotNull(tree.get("/p/b"));
        assertEquals(Set.of("b"), tree.get("/p").children());
        assertEquals(5, tree.get("/p").czxid());
        assertEquals(Code.OK, tree.delete("/p/b", 7));
        assertNull(tree.get("/p/b"));
    }
}
