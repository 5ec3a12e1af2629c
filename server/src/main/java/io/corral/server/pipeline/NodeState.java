package io.corral.server.pipeline;

import io.corral.protocol.data.ACL;
import io.corral.server.tree.DataNode;
import java.util.List;

/**
 * What the prepare stage needs to know of a node to validate the next request against it: the committed node
 * or the state a pending (prepared, not yet applied) transaction will leave it in.
 *
 * @param cversion the stored cversion (child creations), which names the next sequential child
 */
public record NodeState(int version, int cversion, int aversion, long ephemeralOwner, int numChildren, List<ACL> acl) {

    public static NodeState of(DataNode n) {
        return new NodeState(n.version(), n.storedCversion(), n.aversion(), n.ephemeralOwner(), n.numChildren(), n.acl());
    }

    public NodeState withVersion(int v) {
        return new NodeState(v, cversion, aversion, ephemeralOwner, numChildren, acl);
    }

    public NodeState withAcl(List<ACL> newAcl, int newAversion) {
        return new NodeState(version, cversion, newAversion, ephemeralOwner, numChildren, newAcl);
    }

    public NodeState withChildAdded() {
        return new NodeState(version, cversion + 1, aversion, ephemeralOwner, numChildren + 1, acl);
    }

    public NodeState withChildRemoved() {
        return new NodeState(version, cversion, aversion, ephemeralOwner, numChildren - 1, acl);
    }
}
