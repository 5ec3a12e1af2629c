package io.corral.server.tree;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The znode tree: path to node, children by name, ephemerals by session, containers and TTL nodes.
 *
 * <p>Owned by the single thread that applies transactions (and answers reads). The one other reader is the
 * snapshot thread, which walks the tree while writes go on (a fuzzy snapshot): for it the node map is
 * concurrent and every change to a node happens under that node's monitor, so it sees each node whole.
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

    private final Map<String, DataNode> nodes = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> ephemerals = new HashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private final Set<String> ttls = new LinkedHashSet<>();
    private final AclCache acls = new AclCache();
    private final boolean extendedTypes;
    private long approximateDataSize;

    public DataTree(boolean extendedTypes) {
        this.extendedTypes = extendedTypes;
        nodes.put("/", new DataNode(new byte[0], OPEN_ACL, 0, 0, 0));
        addBuiltIn(ZOOKEEPER, OPEN_ACL);
        addBuiltIn(QUOTA, OPEN_ACL);
        addBuiltIn(CONFIG, READ_ACL);
        nodes.get(CONFIG).aversion = -1;
    }

    private void addBuiltIn(String path, List<ACL> acl) {
        nodes.put(path, new DataNode(new byte[0], acls.intern(acl), 0, 0, 0));
        nodes.get(PathUtil.parent(path)).addChild(path);
    }

    public boolean extendedTypes() {
        return extendedTypes;
    }

    public DataNode get(String path) {
        return nodes.get(path);
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
        String parentPath = PathUtil.parent(path);
        DataNode parent = nodes.get(parentPath);
        if (parent == null) {
            return Code.NONODE;
        }
        if (nodes.containsKey(path)) {
            return Code.NODEEXISTS;
        }
        DataNode node = new DataNode(data, acls.intern(acl), owner, zxid, time);
        nodes.put(path, node);
        synchronized (parent) {
            int newCversion = parentCVersion == -1 ? parent.cversion + 1 : parentCVersion;
            if (newCversion > parent.cversion) {
                parent.cversion = newCversion;
                parent.pzxid = zxid;
            }
            parent.addChild(path);
        }
        approximateDataSize += path.length() + (data == null ? 0 : data.length);
        index(path, owner, true);
        return Code.OK;
    }

    public int delete(String path, long zxid) {
        DataNode node = nodes.get(path);
        if (path.equals("/")) {
            return Code.NONODE;
        }
        DataNode parent = nodes.get(PathUtil.parent(path));
        if (node == null) {
            // Replaying a log over a fuzzy snapshot, the node may be gone already; its parent's pzxid still moves
            // to this delete, as ZooKeeper's deleteNode does (ZOOKEEPER-3145), so both agree on the Stat.
            if (parent != null) {
                synchronized (parent) {
                    if (zxid > parent.pzxid) {
                        parent.pzxid = zxid;
                    }
                }
            }
            return Code.NONODE;
        }
        nodes.remove(path);
        approximateDataSize -= path.length() + (node.data == null ? 0 : node.data.length);
        if (parent != null) {
            synchronized (parent) {
                parent.removeChild(path);
                if (zxid > parent.pzxid) {
                    parent.pzxid = zxid;
                }
            }
        }
        index(path, node.ephemeralOwner, false);
        return Code.OK;
    }

    public int setData(String path, byte[] data, int newVersion, long zxid, long time) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return Code.NONODE;
        }
        approximateDataSize += (data == null ? 0 : data.length) - (node.data == null ? 0 : node.data.length);
        synchronized (node) {
            node.data = data;
            node.version = newVersion;
            node.mzxid = zxid;
            node.mtime = time;
        }
        return Code.OK;
    }

    public int setAcl(String path, List<ACL> acl, int newAversion) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return Code.NONODE;
        }
        List<ACL> interned = acls.intern(acl);
        synchronized (node) {
            node.acl = interned;
            node.aversion = newAversion;
        }
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
        int numChildren = n.numChildren();
        return new Stat(n.czxid, n.mzxid, n.ctime, n.mtime, n.version, 2 * n.cversion - numChildren, n.aversion,
                NodeKind.sessionOf(n.ephemeralOwner, extendedTypes), n.data == null ? 0 : n.data.length,
                numChildren, n.pzxid);
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
        DataNode node = nodes.get(path);
        if (node == null) {
            DataNode parent = nodes.get(PathUtil.parent(path));
            if (parent == null) {
                throw new IllegalStateException("snapshot lists " + path + " before its parent");
            }
            node = new DataNode(data, acls.intern(acl), owner, czxid, ctime);
            nodes.put(path, node);
            parent.addChild(path);
            approximateDataSize += path.length() + (data == null ? 0 : data.length);
            index(path, owner, true);
        } else {
            node.data = data;
            node.acl = acls.intern(acl);
            node.ephemeralOwner = owner;
        }
        node.czxid = czxid;
        node.mzxid = mzxid;
        node.ctime = ctime;
        node.mtime = mtime;
        node.version = version;
        node.cversion = cversion;
        node.aversion = aversion;
        node.pzxid = pzxid;
    }

    /** Number of nodes, counted as ZooKeeper's srvr counts them (its root is in the map twice). */
    public int nodeCountAsZooKeeper() {
        return nodes.size() + 1;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public long approximateDataSize() {
        return approximateDataSize;
    }

    /** All descendants of {@code path}, not counting the node itself. */
    public int countDescendants(String path) {
        DataNode start = nodes.get(path);
        if (start == null) {
            return 0;
        }
        int count = 0;
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.push(path);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            DataNode n = nodes.get(p);
            if (n == null) {
                continue;
            }
            for (String child : n.childPaths()) {
                count++;
                todo.push(child);
            }
        }
        return count;
    }
}
