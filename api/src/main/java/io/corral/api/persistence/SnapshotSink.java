package io.corral.api.persistence;

import java.io.IOException;
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
}
