package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetDataResponse;
import io.corral.protocol.txn.SetDataTxn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.NodeState;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.txn.Applied;

/** setData: the transaction carries the new version, so replay needs no arithmetic. */
public final class SetDataOp implements WriteOp {

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        SetDataRequest r = (SetDataRequest) request;
        Paths.validate(r.path());
        NodeState node = ctx.node(r.path());
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(node.acl(), Perms.WRITE);
        if (r.version() != -1 && r.version() != node.version()) {
            throw new KeeperCode(Code.BADVERSION);
        }
        int newVersion = node.version() + 1;
        ctx.put(r.path(), node.withVersion(newVersion));
        return new TxnBody(opcode, new SetDataTxn(r.path(), r.data(), newVersion));
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        return new SetDataResponse(applied.stat());
    }
}
