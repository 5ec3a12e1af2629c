package io.corral.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * Recursive snapshot of a znode tree as the client sees it: for every path its data (length and SHA-256), every
 * Stat field and its ACL, so two servers' trees can be compared field by field.
 */
public final class ZkTree {

    /** What one znode looks like to a client. {@code data} is "null", or "len=<n> sha256=<hex>". */
    public record NodeState(String path, String data, long czxid, long mzxid, long pzxid, long ctime, long mtime,
                            int version, int cversion, int aversion, long ephemeralOwner, int numChildren,
                            int dataLength, List<String> acl) {

        @Override
        public String toString() {
            return path + " {" + data + ", czxid=0x" + Long.toHexString(czxid) + ", mzxid=0x" + Long.toHexString(mzxid)
                    + ", pzxid=0x" + Long.toHexString(pzxid) + ", ctime=" + ctime + ", mtime=" + mtime
                    + ", version=" + version + ", cversion=" + cversion + ", aversion=" + aversion
                    + ", ephemeralOwner=0x" + Long.toHexString(ephemeralOwner) + ", numChildren=" + numChildren
                    + ", dataLength=" + dataLength + ", acl=" + acl + "}";
        }
    }

    private ZkTree() {
    }

    /** Walks the tree below {@code root} (included), skipping every path {@code skip} accepts and its subtree. */
    public static SortedMap<String, NodeState> walk(ZooKeeper zk, String root, Predicate<String> skip)
            throws KeeperException, InterruptedException {
        SortedMap<String, NodeState> out = new TreeMap<>();
        List<String> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            String path = todo.remove(todo.size() - 1);
            if (skip.test(path)) {
                continue;
            }
            Stat stat = new Stat();
            byte[] data = zk.getData(path, false, stat);
            List<ACL> acl = zk.getACL(path, new Stat());
            out.put(path, state(path, data, stat, acl));
            for (String child : zk.getChildren(path, false)) {
                todo.add(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return out;
    }

    /** The user tree: everything but {@code /zookeeper} and its subtree. */
    public static SortedMap<String, NodeState> walkUserTree(ZooKeeper zk) throws KeeperException, InterruptedException {
        return walk(zk, "/", p -> p.equals("/zookeeper") || p.startsWith("/zookeeper/"));
    }

    public static NodeState state(String path, byte[] data, Stat s, List<ACL> acl) {
        List<String> aclText = new ArrayList<>();
        for (ACL a : acl) {
            aclText.add(a.getId().getScheme() + ":" + a.getId().getId() + ":" + a.getPerms());
        }
        return new NodeState(path, describe(data), s.getCzxid(), s.getMzxid(), s.getPzxid(), s.getCtime(),
                s.getMtime(), s.getVersion(), s.getCversion(), s.getAversion(), s.getEphemeralOwner(),
                s.getNumChildren(), s.getDataLength(), List.copyOf(aclText));
    }

    public static String describe(byte[] data) {
        if (data == null) {
            return "null";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return "len=" + data.length + " sha256=" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with every difference (missing, extra, changed paths) listed, field by field. */
    public static void assertSameTree(Map<String, NodeState> expected, Map<String, NodeState> actual, String what) {
        List<String> problems = new ArrayList<>();
        Set<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String p : paths) {
            NodeState e = expected.get(p);
            NodeState a = actual.get(p);
            if (a == null) {
                problems.add("missing " + e);
            } else if (e == null) {
                problems.add("extra   " + a);
            } else if (!e.equals(a)) {
                problems.add("changed " + p + ":\n      expected " + e + "\n      actual   " + a);
            }
        }
        if (!problems.isEmpty()) {
            fail(what + ": " + problems.size() + " differences in a tree of " + expected.size() + " nodes:\n    "
                    + String.join("\n    ", problems));
        }
    }
}
