package io.corral.server.tree;

import io.corral.protocol.data.ACL;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One znode. Mutable and owned by the thread that applies transactions; other threads never see it. The
 * persisted stat fields are inlined (no StatPersisted object per node) to keep a million nodes small.
 *
 * <p>{@code cversion} is the stored value: the number of child creations, as ZooKeeper persists it; clients see
 * {@code 2 * cversion - numChildren} (see {@link DataTree#statOf}).
 */
public final class DataNode {
    byte[] data;
    List<ACL> acl;
    long czxid;
    long mzxid;
    long ctime;
    long mtime;
    int version;
    int cversion;
    int aversion;
    long ephemeralOwner;
    long pzxid;
    private ChildSet children;

    DataNode(byte[] data, List<ACL> acl, long ephemeralOwner, long zxid, long time) {
        this.data = data;
        this.acl = acl;
        this.ephemeralOwner = ephemeralOwner;
        this.czxid = zxid;
        this.mzxid = zxid;
        this.pzxid = zxid;
        this.ctime = time;
        this.mtime = time;
    }

    public byte[] data() {
        return data;
    }

    public List<ACL> acl() {
        return acl;
    }

    public long czxid() {
        return czxid;
    }

    public long mzxid() {
        return mzxid;
    }

    public long pzxid() {
        return pzxid;
    }

    public long mtime() {
        return mtime;
    }

    public int version() {
        return version;
    }

    public int storedCversion() {
        return cversion;
    }

    public int aversion() {
        return aversion;
    }

    /** The raw stored owner: a session id, or the container / TTL marker (see {@link NodeKind}). */
    public long ephemeralOwner() {
        return ephemeralOwner;
    }

    public int numChildren() {
        return children == null ? 0 : children.size();
    }

    /** The child names, as a new set (tests and tools; the request path uses {@link #childNames()}). */
    public Set<String> children() {
        return children == null ? Collections.emptySet() : new HashSet<>(children.names());
    }

    /** The child names, as a new list: what getChildren answers. Apply thread only. */
    public List<String> childNames() {
        return children == null ? new java.util.ArrayList<>(0) : children.names();
    }

    /** The children's full paths, copied under the node's monitor: safe from any thread (the snapshot's). */
    public synchronized String[] childPaths() {
        return children == null ? new String[0] : children.paths();
    }

    /** {@code path} must be the instance used as the child's key in the tree, so that no second copy is kept. */
    void addChild(String path) {
        if (children == null) {
            children = new ChildSet();
        }
        children.add(path);
    }

    boolean removeChild(String path) {
        if (children == null) {
            return false;
        }
        boolean removed = children.remove(path);
        if (children.size() == 0) {
            children = null;
        }
        return removed;
    }

    /** Runs {@code reader} with this node's fields stable: for threads other than the apply thread. */
    public synchronized <T> T read(java.util.function.Function<DataNode, T> reader) {
        return reader.apply(this);
    }

    public long ctime() {
        return ctime;
    }
}
