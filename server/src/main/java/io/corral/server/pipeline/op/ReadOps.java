package io.corral.server.pipeline.op;

import io.corral.protocol.OpCode;
import io.corral.server.pipeline.ReadOp;
import java.util.HashMap;
import java.util.Map;

/** The read op for each opcode answered without a transaction. */
public final class ReadOps {
    private final Map<Integer, ReadOp> byOpcode = new HashMap<>();

    public ReadOps() {
        byOpcode.put(OpCode.EXISTS, DataReads.EXISTS);
        byOpcode.put(OpCode.GET_DATA, DataReads.GET_DATA);
        byOpcode.put(OpCode.GET_ACL, AclReads.GET_ACL);
        byOpcode.put(OpCode.GET_CHILDREN, ChildrenReads.GET_CHILDREN);
        byOpcode.put(OpCode.GET_CHILDREN2, ChildrenReads.GET_CHILDREN2);
        byOpcode.put(OpCode.GET_ALL_CHILDREN_NUMBER, ChildrenReads.GET_ALL_CHILDREN_NUMBER);
        byOpcode.put(OpCode.GET_EPHEMERALS, SessionReads.GET_EPHEMERALS);
        byOpcode.put(OpCode.WHO_AM_I, SessionReads.WHO_AM_I);
        byOpcode.put(OpCode.SYNC, SessionReads.SYNC);
        byOpcode.put(OpCode.PING, SessionReads.PING);
        byOpcode.put(OpCode.MULTI_READ, new MultiReadOp());
        byOpcode.put(OpCode.ADD_WATCH, WatchOps.ADD_WATCH);
        byOpcode.put(OpCode.CHECK_WATCHES, WatchOps.CHECK_WATCHES);
        byOpcode.put(OpCode.REMOVE_WATCHES, WatchOps.REMOVE_WATCHES);
        byOpcode.put(OpCode.SET_WATCHES, WatchOps.SET_WATCHES);
        byOpcode.put(OpCode.SET_WATCHES2, WatchOps.SET_WATCHES);
        byOpcode.put(OpCode.AUTH, AuthOp.INSTANCE);
        byOpcode.put(OpCode.RECONFIG, (req, ctx) -> {
            throw new io.corral.server.pipeline.KeeperCode(io.corral.protocol.Code.RECONFIGDISABLED);
        });
    }

    public ReadOp get(int opcode) {
        return byOpcode.get(opcode);
    }
}
