package io.corral.server.tree;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The znode tree: path to node, children by name, ephemerals by session, containers and TTL nodes.
 *
 * <p>Owned by the single thread that applies transactions (and answers reads). The one other reader is the
 * snapshot thread, which walks the tree from {@link #root()} while writes go on (a fuzzy snapshot): each node
 * keeps its state in immutable values behind volatile fields, and its children change under its monitor (see
 * {@link DataNode}). There is no map from paths to nodes: a lookup walks down one child table per segment,
 * which keeps a znode's heap small (see {@link NodeRecord}) and lets the snapshot walk without lookups.
 *
 * <p>The mutators take the values a transaction carries (zxid, time, the new version) and are tolerant in the
 * way a replay over a fuzzy snapshot needs: they report NONODE / NODEEXISTS instead of failing, and cversion
 * and pzxid only move forward.
 */
public final class DataTree {
    public static final String ZOOKEEPER = "/zookeeper";
    public static final String QUOTA = "/zookeeper/quota";
    public static final String CONFIG = "/zookeeper/config";
    public static final List<ACL> OPEN_ACL = List.of(new ACL(Perms.ALL, new Id("world", "anyone")));
    private static final List<ACL> READ_ACL = List.of(new ACL(Perms.READ, new Id("world", "anyone")));

    private final DataNode root;
    private final Map<Long, Set<String>> ephemerals = new HashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private final Set<String> ttls = new LinkedHashSet<>();
    private final AclCache acls = new AclCache();
    private final boolean extendedTypes;
    private long approximateDataSize;
    /** Read by monitoring from other threads; written by the apply thread only. */
    private volatile int nodeCount;
    /**
     * The parent the last lookup went through: requests come in runs under one parent (a queue, a lock, a
     * service's members), and a lookup that starts there reads one child table instead of one per segment.
     * Forgotten when that node is deleted (its ancestors cannot go first: they have a child).
     */
    private String lastParentPath;
    private DataNode lastParent;

    public DataTree(boolean extendedTypes) {
        this.extendedTypes = extendedTypes;
        root = new DataNode(new byte[0], new byte[0], OPEN_ACL, 0, 0, 0);
        nodeCount = 1;
        addBuiltIn(ZOOKEEPER, OPEN_ACL);
        addBuiltIn(QUOTA, OPEN_ACL);
        addBuiltIn(CONFIG, READ_ACL);
        DataNode config = get(CONFIG);
        NodeRecord.Stat stat = config.stat();
        stat.aversion = -1;
        config.setStat(stat);
    }

    private void addBuiltIn(String path, List<ACL> acl) {
        int slash = path.lastIndexOf('/');
        DataNode node = new DataNode(nameBytes(path, slash + 1), new byte[0], acls.intern(acl), 0, 0, 0);
        get(PathUtil.parent(path)).addChild(node);
        nodeCount++;
    }

    public boolean extendedTypes() {
        return extendedTypes;
    }

    /** The node at {@code path}, or null. The apply thread only. */
    public DataNode get(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        return path.length() == 1 ? root : walk(path, path.length());
    }

    public DataNode root() {
        return root;
    }

    /** The node at {@code path[0, end)}; {@code end} > 1. */
    private DataNode walk(String path, int end) {
        if (isLastParent(path, end)) {
            return lastParent; // the parent itself, looked up around its children's changes (watches, ACLs)
        }
        int slash = path.lastIndexOf('/', end - 1);
        DataNode parent = parentOf(path, slash);
        return parent == null ? null : child(parent, path, slash + 1, end);
    }

    /** The node at {@code path[0, end)}, found from the root one segment at a time; {@code end} > 1. */
    private DataNode walkFromRoot(String path, int end) {
        DataNode node = root;
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            int to = slash < 0 || slash > end ? end : slash;
            node = child(node, path, from, to);
            if (node == null || to == end) {
                return node;
            }
            from = to + 1;
        }
    }

    private DataNode parentOf(String path, int lastSlash) {
        if (lastSlash == 0) {
            return root;
        }
        if (isLastParent(path, lastSlash)) {
            return lastParent;
        }
        DataNode parent = walkFromRoot(path, lastSlash);
        if (parent != null) {
            lastParentPath = path.substring(0, lastSlash);
            lastParent = parent;
        }
        return parent;
    }

    private boolean isLastParent(String path, int end) {
        return lastParentPath != null && lastParentPath.length() == end && path.startsWith(lastParentPath);
    }

    /** The child of {@code parent} named {@code path[from, to)}. */
    private static DataNode child(DataNode parent, String path, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c >= 0x80) {
                return parent.child(path.substring(from, to).getBytes(StandardCharsets.UTF_8));
            }
            hash = 31 * hash + c;
        }
        return parent.child(path, from, to, hash);
    }

    /** The UTF-8 bytes of {@code path} from {@code from} on: the name a node stores. */
    private static byte[] nameBytes(String path, int from) {
        byte[] name = new byte[path.length() - from];
        for (int i = 0; i < name.length; i++) {
            char c = path.charAt(from + i);
            if (c >= 0x80) {
                return path.substring(from).getBytes(StandardCharsets.UTF_8);
            }
            name[i] = (byte) c;
        }
        return name;
    }

    /** Paths that no client may delete or replace. */
    public static boolean isReserved(String path) {
        return path.equals("/") || path.equals(ZOOKEEPER) || path.equals(QUOTA) || path.equals(CONFIG);
    }

    /**
     * Adds a node under an existing parent. {@code parentCVersion} is the parent's new stored cversion as the
     * transaction carries it (-1 from very old logs: one more than now).
     */
    public int create(String path, byte[] data, List<ACL> acl, long owner, int parentCVersion, long zxid, long time) {
        int slash = path.lastIndexOf('/');
        if (path.length() == 1) {
            return Code.NODEEXISTS;
        }
        DataNode parent = parentOf(path, slash);
        if (parent == null) {
            return Code.NONODE;
        }
        if (child(parent, path, slash + 1, path.length()) != null) {
            return Code.NODEEXISTS;
        }
        DataNode node = new DataNode(nameBytes(path, slash + 1), data, acls.intern(acl), owner, zxid, time);
        NodeRecord.Stat stat = parent.stat();
        int newCversion = parentCVersion == -1 ? stat.cversion + 1 : parentCVersion;
        if (newCversion > stat.cversion) {
            stat.cversion = newCversion;
            stat.pzxid = zxid;
            parent.setStat(stat);
        }
        parent.addChild(node);
        nodeCount++;
        approximateDataSize += path.length() + (data == null ? 0 : data.length);
        index(path, owner, true);
        return Code.OK;
    }

    public int delete(String path, long zxid) {
        if (path.length() <= 1) {
            return Code.NONODE;
        }
        int slash = path.lastIndexOf('/');
        DataNode parent = parentOf(path, slash);
        if (parent == null) {
            return Code.NONODE;
        }
        DataNode node = child(parent, path, slash + 1, path.length());
        if (node != null) {
            parent.removeChild(node);
            if (node == lastParent) {
                lastParentPath = null;
                lastParent = null;
            }
        }
        // Replaying a log over a fuzzy snapshot, the node may be gone already; its parent's pzxid still moves to
        // this delete, as ZooKeeper's deleteNode does (ZOOKEEPER-3145), so both agree on the Stat.
        NodeRecord.Stat stat = parent.stat();
        if (zxid > stat.pzxid) {
            stat.pzxid = zxid;
            parent.setStat(stat);
        }
        if (node == null) {
            return Code.NONODE;
        }
        nodeCount--;
        approximateDataSize -= path.length() + node.dataLength();
        index(path, node.ephemeralOwner(), false);
        return Code.OK;
    }

    public int setData(String path, byte[] data, int newVersion, long zxid, long time) {
        DataNode node = get(path);
        if (node == null) {
            return Code.NONODE;
        }
        approximateDataSize += (data == null ? 0 : data.length) - node.dataLength();
        NodeRecord.Stat stat = node.stat();
        stat.version = newVersion;
        stat.mzxid = zxid;
        stat.mtime = time;
        node.setData(data, stat);
        return Code.OK;
    }

    public int setAcl(String path, List<ACL> acl, int newAversion) {
        DataNode node = get(path);
        if (node == null) {
            return Code.NONODE;
        }
        node.setAcl(acls.intern(acl));
        NodeRecord.Stat stat = node.stat();
        stat.aversion = newAversion;
        node.setStat(stat);
        return Code.OK;
    }

    private void index(String path, long owner, boolean add) {
        Set<String> set;
        if (NodeKind.isContainer(owner)) {
            set = containers;
        } else if (NodeKind.isTtl(owner, extendedTypes)) {
            set = ttls;
        } else if (owner != 0) {
            if (add) {
                ephemerals.computeIfAbsent(owner, k -> new HashSet<>()).add(path);
            } else {
                Set<String> own = ephemerals.get(owner);
                if (own != null && own.remove(path) && own.isEmpty()) {
                    ephemerals.remove(owner);
                }
            }
            return;
        } else {
            return;
        }
        if (add) {
            set.add(path);
        } else {
            set.remove(path);
        }
    }

    /** The stat a client sees: cversion counts creates and deletes, markers read as owner 0. */
    public Stat statOf(DataNode n) {
        NodeRecord.Stat s = n.stat();
        int numChildren = n.numChildren();
        return new Stat(s.czxid, s.mzxid, s.ctime, s.mtime, s.version, 2 * s.cversion - numChildren, s.aversion,
                NodeKind.sessionOf(s.owner, extendedTypes), n.dataLength(), numChildren, s.pzxid);
    }

    public Set<String> ephemeralsOf(long sessionId) {
        Set<String> own = ephemerals.get(sessionId);
        return own == null ? Collections.emptySet() : Collections.unmodifiableSet(own);
    }

    public int ephemeralCount() {
        int n = 0;
        for (Set<String> s : ephemerals.values()) {
            n += s.size();
        }
        return n;
    }

    public Set<String> containers() {
        return Collections.unmodifiableSet(containers);
    }

    public Set<String> ttlNodes() {
        return Collections.unmodifiableSet(ttls);
    }

    public AclCache acls() {
        return acls;
    }

    /**
     * Puts a node read from a snapshot in place, with its stored stat; the parent must already be there
     * (snapshots list parents first). The built-in nodes are overwritten, not duplicated.
     */
    public void load(String path, byte[] data, List<ACL> acl, long czxid, long mzxid, long ctime, long mtime,
                     int version, int cversion, int aversion, long owner, long pzxid) {
        NodeRecord.Stat stat = new NodeRecord.Stat(czxid, ctime, owner);
        stat.mzxid = mzxid;
        stat.mtime = mtime;
        stat.version = version;
        stat.cversion = cversion;
        stat.aversion = aversion;
        stat.pzxid = pzxid;
        List<ACL> interned = acls.intern(acl);
        if (path.equals("/")) {
            root.setAcl(interned);
            root.setData(data, stat);
            return;
        }
        int slash = path.lastIndexOf('/');
        DataNode parent = parentOf(path, slash);
        if (parent == null) {
            throw new IllegalStateException("snapshot lists " + path + " before its parent");
        }
        DataNode node = child(parent, path, slash + 1, path.length());
        if (node != null) {
            approximateDataSize -= path.length() + node.dataLength();
            index(path, node.ephemeralOwner(), false);
            node.setAcl(interned);
            node.setData(data, stat);
        } else {
            parent.addChild(new DataNode(nameBytes(path, slash + 1), data, interned, stat));
            nodeCount++;
        }
        approximateDataSize += path.length() + (data == null ? 0 : data.length);
        index(path, owner, true);
    }

    /** Number of nodes, counted as ZooKeeper's srvr counts them (its root is in the map twice). */
    public int nodeCountAsZooKeeper() {
        return nodeCount + 1;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public long approximateDataSize() {
        return approximateDataSize;
    }

    /** All descendants of {@code path}, not counting the node itself. */
    public int countDescendants(String path) {
        DataNode start = get(path);
        if (start == null) {
            return 0;
        }
        int count = 0;
        ArrayDeque<DataNode> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            for (DataNode child : todo.pop().childNodes()) {
                count++;
                todo.push(child);
            }
        }
        return count;
    }
}
