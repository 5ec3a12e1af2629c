package io.corral.api.persistence;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Receives a snapshot's content, in this order: {@link #sessions} once, {@link #acls} once, then
 * {@link #node} for every node in pre-order (the root {@code /} first, every parent before its children).
 *
 * <p>ACL keys: nodes refer to ACL lists by key; key -1 is the built-in open ACL ({@code world:anyone}, all
 * permissions) and never appears in {@link #acls}.
 */
public interface SnapshotSink {
    long OPEN_ACL_KEY = -1;

    /** Session id to timeout in milliseconds. */
    void sessions(Map<Long, Integer> sessions) throws IOException;

    void acls(Map<Long, List<AclEntry>> acls) throws IOException;

    void node(SnapshotNode node) throws IOException;

    /**
     * A node given by its parts, its data being {@code data[dataOffset, dataOffset + dataLength)} (or null), for a
     * source that keeps nodes in a layout of its own: a sink that encodes each node at once can override this and
     * skip the {@link SnapshotNode} and the data copy it needs, a million times per snapshot of a large tree.
     * The default builds the SnapshotNode and calls {@link #node(SnapshotNode)}; {@code data} is only read.
     */
    default void node(String path, byte[] data, int dataOffset, int dataLength, long aclKey, long czxid, long mzxid,
                      long ctime, long mtime, int version, int cversion, int aversion, long ephemeralOwner, long pzxid)
            throws IOException {
        byte[] copy = data == null ? null : Arrays.copyOfRange(data, dataOffset, dataOffset + dataLength);
        node(new SnapshotNode(path, copy, aclKey, czxid, mzxid, ctime, mtime, version, cversion, aversion,
                ephemeralOwner, pzxid));
    }
}
