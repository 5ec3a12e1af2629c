package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.CheckVersionRequest;
import io.corral.protocol.txn.CheckVersionTxn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.NodeState;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.txn.Applied;

/** check, only valid inside a multi: asserts a node's version without changing anything. */
public final class CheckOp implements WriteOp {

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        CheckVersionRequest r = (CheckVersionRequest) request;
        Paths.validate(r.path());
        NodeState node = ctx.node(r.path());
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(node.acl(), Perms.READ);
        if (r.version() != -1 && r.version() != node.version()) {
            throw new KeeperCode(Code.BADVERSION);
        }
        return new TxnBody(opcode, new CheckVersionTxn(r.path(), r.version()));
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        return null;
    }
}
