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
    private Set<String> children;

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

    /** A live view; only the apply thread may iterate it (others use {@link #childrenCopy()}). */
    public Set<String> children() {
        return children == null ? Collections.emptySet() : Collections.unmodifiableSet(children);
    }

    /** The child names, copied under the node's monitor: safe from any thread. */
    public synchronized String[] childrenCopy() {
        return children == null ? new String[0] : children.toArray(new String[0]);
    }

    /** Runs {@code reader} with this node's fields stable: for threads other than the apply thread. */
    public synchronized <T> T read(java.util.function.Function<DataNode, T> reader) {
        return reader.apply(this);
    }

    public long ctime() {
        return ctime;
    }

    void addChild(String name) {
        if (children == null) {
            children = new HashSet<>(4);
        }
        children.add(name);
    }

    boolean removeChild(String name) {
        if (children == null) {
            return false;
        }
        boolean removed = children.remove(name);
        if (children.isEmpty()) {
            children = null;
        }
        return removed;
    }
}
