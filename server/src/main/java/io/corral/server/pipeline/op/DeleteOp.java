package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.txn.DeleteTxn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.NodeState;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.tree.DataTree;
import io.corral.server.tree.NodeKind;
import io.corral.server.tree.PathUtil;
import io.corral.server.txn.Applied;

/**
 * delete, and deleteContainer which the server itself issues to reap containers and expired TTL nodes (it
 * must not delete a node that gained a child or became anything else in the meantime).
 */
public final class DeleteOp implements WriteOp {

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        DeleteRequest r = (DeleteRequest) request;
        String path = r.path();
        Paths.validate(path);
        if (DataTree.isReserved(path)) {
            throw new KeeperCode(Code.BADARGUMENTS);
        }
        String parentPath = PathUtil.parent(path);
        NodeState parent = ctx.node(parentPath);
        if (parent == null) {
            throw new KeeperCode(Code.NONODE);
        }
        if (opcode != OpCode.DELETE_CONTAINER) {
            ctx.checkPermission(parent.acl(), Perms.DELETE);
        }
        NodeState node = ctx.node(path);
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        if (opcode == OpCode.DELETE_CONTAINER && !isReapable(node.ephemeralOwner(), ctx.extendedTypesEnabled())) {
            // Replaced by another kind of node since the reaper looked: not ours to delete.
            throw new KeeperCode(Code.BADVERSION);
        }
        if (r.version() != -1 && r.version() != node.version()) {
            throw new KeeperCode(Code.BADVERSION);
        }
        if (node.numChildren() > 0) {
            throw new KeeperCode(Code.NOTEMPTY);
        }
        ctx.put(parentPath, parent.withChildRemoved());
        ctx.delete(path);
        return new TxnBody(opcode, new DeleteTxn(path));
    }

    private static boolean isReapable(long owner, boolean extendedTypes) {
        return NodeKind.isContainer(owner) || NodeKind.isTtl(owner, extendedTypes);
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        return null;
    }
}
