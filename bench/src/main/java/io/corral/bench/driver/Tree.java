package io.corral.bench.driver;

import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** Synchronous helpers for the small, untimed parts of a workload's setup. */
public final class Tree {

    /** Every workload works below this node, each in its own subtree. */
    public static final String ROOT = "/bench";

    private Tree() {
    }

    /** Creates {@code path} and any missing ancestors as empty persistent nodes; existing nodes are left alone. */
    public static void ensure(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        int from = 1;
        while (from > 0) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            try {
                zk.create(prefix, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException ignored) {
                // Left by an earlier workload on the same server: fine.
            }
            from = slash < 0 ? -1 : slash + 1;
        }
    }

    /** The children of {@code path}, or an empty list if it does not exist. */
    public static List<String> children(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            return zk.getChildren(path, false);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** A payload of {@code bytes} printable bytes: the content does not matter, only its size. */
    public static byte[] payload(int bytes) {
        byte[] data = new byte[bytes];
        Arrays.fill(data, (byte) 'c');
        return data;
    }
}
