package io.corral.server.tree;

import io.corral.api.persistence.SnapshotSink;
import io.corral.protocol.data.ACL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One znode: its record (stat, name and small data in one array, see {@link NodeRecord}), its ACL, its data when
 * too large to copy around inside the record, and its children.
 *
 * <p>Changed only by the thread that applies transactions. The snapshot thread reads nodes while they change
 * (a fuzzy snapshot): the record, the ACL and the large data are immutable values behind volatile fields, and
 * the children table is changed and copied under the node's monitor.
 *
 * <p>{@code cversion} is the stored value: the number of child creations, as ZooKeeper persists it; clients see
 * {@code 2 * cversion - numChildren} (see {@link DataTree#statOf}).
 */
public final class DataNode {
    /**
     * Data up to this size lives in the record: a change of the stat copies it, a read copies it out. Larger
     * data keeps its own array, handed to readers as it is, so that a node of a megabyte is never copied per read
     * or per child created under it.
     */
    static final int INLINE_DATA_MAX = 256;

    private volatile byte[] record;
    private volatile byte[] largeData;
    private volatile List<ACL> acl;
    /**
     * Volatile so that the snapshot thread can see "no children" without taking the monitor: most nodes are
     * leaves, and a lock on each of a million nodes writes to each one's header.
     */
    private volatile ChildTable children;
    /**
     * The name's hash, so that a child table places, moves and removes the node without decoding its name. It
     * fills the four bytes the object's alignment leaves free anyway.
     */
    private final int nameHash;

    DataNode(byte[] name, byte[] data, List<ACL> acl, long owner, long zxid, long time) {
        this(name, data, acl, new NodeRecord.Stat(zxid, time, owner));
    }

    DataNode(byte[] name, byte[] data, List<ACL> acl, NodeRecord.Stat stat) {
        this.acl = acl;
        this.nameHash = ChildTable.hash(name, 0, name.length);
        boolean inline = isInline(data);
        this.largeData = inline ? null : data;
        this.record = NodeRecord.encode(stat, name, 0, name.length, inline ? data : null, 0);
    }

    private static boolean isInline(byte[] data) {
        return data != null && data.length <= INLINE_DATA_MAX;
    }

    /** The data; small data is copied out of the record, so callers may keep or hand on the array. */
    public byte[] data() {
        byte[] r = record;
        if (NodeRecord.hasInlineData(r)) {
            return Arrays.copyOfRange(r, NodeRecord.dataAt(r), r.length);
        }
        return largeData;
    }

    public int dataLength() {
        byte[] r = record;
        if (NodeRecord.hasInlineData(r)) {
            return r.length - NodeRecord.dataAt(r);
        }
        byte[] large = largeData;
        return large == null ? 0 : large.length;
    }

    public List<ACL> acl() {
        return acl;
    }

    public long czxid() {
        return NodeRecord.czxid(record);
    }

    public long mzxid() {
        return NodeRecord.mzxid(record);
    }

    public long pzxid() {
        return NodeRecord.pzxid(record);
    }

    public long ctime() {
        return NodeRecord.ctime(record);
    }

    public long mtime() {
        return NodeRecord.mtime(record);
    }

    public int version() {
        return NodeRecord.version(record);
    }

    public int storedCversion() {
        return NodeRecord.cversion(record);
    }

    public int aversion() {
        return NodeRecord.aversion(record);
    }

    /** The raw stored owner: a session id, or the container / TTL marker (see {@link NodeKind}). */
    public long ephemeralOwner() {
        return NodeRecord.owner(record);
    }

    /**
     * {@code prefix} followed by this node's name: a child's path for a walk that carries its parent's path.
     * {@code asciiPrefix} is the prefix's bytes when it is all ASCII (else null): the walk encodes it once per
     * parent, and an ASCII name then joins it by array copies, without a string of its own (building every
     * child's path was a third of a large snapshot's samples).
     */
    public String pathUnder(String prefix, byte[] asciiPrefix) {
        byte[] r = record;
        int at = NodeRecord.nameAt(r);
        int length = NodeRecord.nameLength(r);
        if (asciiPrefix != null) {
            byte[] path = Arrays.copyOf(asciiPrefix, asciiPrefix.length + length);
            System.arraycopy(r, at, path, asciiPrefix.length, length);
            if (isAscii(path, asciiPrefix.length)) {
                return new String(path, StandardCharsets.ISO_8859_1);
            }
        }
        return prefix + NodeRecord.name(r);
    }

    /** The bytes of {@code s} when every character is ASCII, else null. */
    public static byte[] asciiBytes(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static boolean isAscii(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The last segment of the node's path ("" for the root). */
    public String name() {
        return NodeRecord.name(record);
    }

    /** Apply thread only, like {@link #childNames()} and the lookups: the one thread that changes children. */
    public int numChildren() {
        return children == null ? 0 : children.size();
    }

    /** The child names, as a new set (tests and tools; the request path uses {@link #childNames()}). */
    public Set<String> children() {
        return new HashSet<>(childNames());
    }

    /** The child names, as a new list: what getChildren answers. */
    public List<String> childNames() {
        return children == null ? new ArrayList<>(0) : children.names();
    }

    /** The children, copied under the node's monitor: safe from any thread (the snapshot's). */
    public DataNode[] childNodes() {
        if (children == null) {
            return NO_NODES;
        }
        synchronized (this) {
            ChildTable c = children;
            return c == null ? NO_NODES : c.nodes();
        }
    }

    private static final DataNode[] NO_NODES = new DataNode[0];

    /**
     * Hands this node to a snapshot sink, from one read of its record: the snapshot thread sees one version of
     * the stat and the data that goes with it (large data excepted, which replay puts right). Inline data goes
     * as a slice of the record, not copied.
     */
    public void writeTo(SnapshotSink sink, String path, long aclKey) throws IOException {
        byte[] r = record;
        NodeRecord.Stat s = new NodeRecord.Stat(r);
        boolean inline = NodeRecord.hasInlineData(r);
        byte[] data = inline ? r : largeData;
        int at = inline ? NodeRecord.dataAt(r) : 0;
        int length = data == null ? 0 : data.length - at;
        sink.node(path, data, at, length, aclKey, s.czxid, s.mzxid, s.ctime, s.mtime, s.version, s.cversion,
                s.aversion, s.owner, s.pzxid);
    }

    /** The stat, decoded in one pass (one read of the record). */
    NodeRecord.Stat stat() {
        return new NodeRecord.Stat(record);
    }

    // --- Lookups, for ChildTable and DataTree: the apply thread only, which needs no lock to read what only it
    // changes (the monitor guards the children against the snapshot thread's copies) ---

    DataNode child(String path, int from, int to, int hash) {
        return children == null ? null : children.find(path, from, to, hash);
    }

    DataNode child(byte[] name) {
        return children == null ? null : children.find(name);
    }

    int nameHash() {
        return nameHash;
    }

    boolean nameEquals(String path, int from, int to) {
        byte[] r = record;
        int length = NodeRecord.nameLength(r);
        if (length != to - from) {
            return false;
        }
        int at = NodeRecord.nameAt(r);
        for (int i = 0; i < length; i++) {
            if (r[at + i] != (byte) path.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    boolean nameEquals(byte[] name) {
        byte[] r = record;
        int at = NodeRecord.nameAt(r);
        return Arrays.equals(r, at, at + NodeRecord.nameLength(r), name, 0, name.length);
    }

    // --- Changes: the apply thread only ---

    synchronized void addChild(DataNode child) {
        if (children == null) {
            children = new ChildTable();
        }
        children.add(child);
    }

    synchronized boolean removeChild(DataNode child) {
        if (children == null) {
            return false;
        }
        boolean removed = children.remove(child);
        if (children.size() == 0) {
            children = null;
        }
        return removed;
    }

    /** Replaces the data and the stat. */
    void setData(byte[] data, NodeRecord.Stat stat) {
        byte[] old = record;
        if (isInline(data)) {
            record = NodeRecord.withStat(old, stat, data, 0);
            largeData = null;
        } else {
            largeData = data;
            record = NodeRecord.withStat(old, stat, null, 0);
        }
    }

    /** Replaces the stat; the data stays. */
    void setStat(NodeRecord.Stat stat) {
        byte[] old = record;
        if (NodeRecord.hasInlineData(old)) {
            record = NodeRecord.withStat(old, stat, old, NodeRecord.dataAt(old));
        } else {
            record = NodeRecord.withStat(old, stat, null, 0);
        }
    }

    void setAcl(List<ACL> acl) {
        this.acl = acl;
    }

    @Override
    public String toString() {
        return "DataNode[" + name() + "]";
    }
}
