package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateResponse;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import io.corral.protocol.proto.SetDataResponse;
import io.corral.protocol.txn.ErrorTxn;
import io.corral.protocol.txn.MultiTxn;
import io.corral.protocol.txn.Txn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.txn.Applied;
import java.util.ArrayList;
import java.util.List;

/**
 * multi: every op prepared in order against the changes of the ops before it; the first failure makes the
 * whole transaction a no-op, logged with that op's code and RUNTIMEINCONSISTENCY for the ops after it, as
 * ZooKeeper logs it. The reply's header says OK either way; the results say what happened.
 */
public final class MultiOp implements WriteOp {
    private final WriteOps ops;

    public MultiOp(WriteOps ops) {
        this.ops = ops;
    }

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        List<io.corral.protocol.proto.MultiOp> subOps = ((MultiRequest) request).ops();
        List<Txn> txns = new ArrayList<>(subOps.size());
        int failedAt = -1;
        for (int i = 0; i < subOps.size(); i++) {
            io.corral.protocol.proto.MultiOp sub = subOps.get(i);
            if (failedAt >= 0) {
                txns.add(errorTxn(Code.RUNTIMEINCONSISTENCY));
                continue;
            }
            try {
                TxnBody body = ops.get(sub.type()).prepare(sub.type(), sub.request(), ctx);
                txns.add(new Txn(body.type(), JuteOutput.encode(body.record())));
            } catch (KeeperCode e) {
                failedAt = i;
                txns.add(errorTxn(e.code()));
            }
        }
        if (failedAt >= 0) {
            ctx.discardChanges();
        }
        return new TxnBody(OpCode.MULTI, new MultiTxn(txns));
    }

    private static Txn errorTxn(int code) {
        return new Txn(OpCode.ERROR, JuteOutput.encode(new ErrorTxn(code)));
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        List<MultiResult> results = new ArrayList<>(applied.subResults().size());
        boolean failed = applied.err() != Code.OK;
        for (Applied sub : applied.subResults()) {
            results.add(failed ? MultiResult.error(sub.err()) : resultOf(sub));
        }
        return new MultiResponse(results);
    }

    private static MultiResult resultOf(Applied sub) {
        return switch (sub.type()) {
            case OpCode.CREATE -> MultiResult.of(OpCode.CREATE, new CreateResponse(sub.path()));
            case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL ->
                    MultiResult.of(OpCode.CREATE2, new Create2Response(sub.path(), sub.stat()));
            case OpCode.SET_DATA -> MultiResult.of(OpCode.SET_DATA, new SetDataResponse(sub.stat()));
            default -> MultiResult.of(sub.type(), null);
        };
    }
}
