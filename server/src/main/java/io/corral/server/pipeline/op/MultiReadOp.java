package io.corral.server.pipeline.op;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import java.util.ArrayList;
import java.util.List;

/** multiRead: each read answers on its own (no atomicity to keep); watch flags are ignored, as in ZooKeeper. */
public final class MultiReadOp implements ReadOp {
    @Override
    public Record execute(Request req, ReadContext ctx) {
        List<MultiOp> ops = ((MultiRequest) req.body()).ops();
        List<MultiResult> results = new ArrayList<>(ops.size());
        for (MultiOp op : ops) {
            try {
                if (op.type() == OpCode.GET_DATA) {
                    results.add(MultiResult.of(OpCode.GET_DATA,
                            DataReads.getData(req, ctx, ((GetDataRequest) op.request()).path(), false)));
                } else if (op.type() == OpCode.GET_CHILDREN) {
                    results.add(MultiResult.of(OpCode.GET_CHILDREN,
                            ChildrenReads.getChildren(req, ctx, ((GetChildrenRequest) op.request()).path(), false)));
                } else {
                    results.add(MultiResult.error(io.corral.protocol.Code.BADARGUMENTS));
                }
            } catch (KeeperCode e) {
                results.add(MultiResult.error(e.code()));
            }
        }
        return new MultiResponse(results);
    }
}
