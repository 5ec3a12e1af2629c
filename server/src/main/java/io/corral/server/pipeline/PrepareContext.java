package io.corral.server.pipeline;

import io.corral.protocol.data.ACL;
import java.util.List;

/** What a write op may consult and change while it prepares its transaction. */
public interface PrepareContext {
    /** The node as pending transactions will leave it; null when it will not exist. */
    NodeState node(String path);

    void put(String path, NodeState state);

    void delete(String path);

    /** Throws NOAUTH unless the connection's ids grant {@code perm} under {@code acl}. */
    void checkPermission(List<ACL> acl, int perm) throws KeeperCode;

    /** Validates an ACL list for create or setACL and expands {@code auth} entries; throws INVALIDACL. */
    List<ACL> fixupAcl(List<ACL> acl) throws KeeperCode;

    /** Drops every change this request made so far: a multi whose op failed leaves the tree untouched. */
    void discardChanges();

    long sessionId();

    boolean extendedTypesEnabled();
}
