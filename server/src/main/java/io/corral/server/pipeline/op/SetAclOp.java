package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.SetACLRequest;
import io.corral.protocol.proto.SetACLResponse;
import io.corral.protocol.txn.SetACLTxn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.NodeState;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.txn.Applied;
import java.util.List;

/** setACL: the version it checks is the ACL version (aversion), and it fires no watch. */
public final class SetAclOp implements WriteOp {

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        SetACLRequest r = (SetACLRequest) request;
        Paths.validate(r.path());
        List<ACL> acl = ctx.fixupAcl(r.acl());
        NodeState node = ctx.node(r.path());
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(node.acl(), Perms.ADMIN);
        if (r.version() != -1 && r.version() != node.aversion()) {
            throw new KeeperCode(Code.BADVERSION);
        }
        int newAversion = node.aversion() + 1;
        ctx.put(r.path(), node.withAcl(acl, newAversion));
        return new TxnBody(opcode, new SetACLTxn(r.path(), acl, newAversion));
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        return new SetACLResponse(applied.stat());
    }
}
