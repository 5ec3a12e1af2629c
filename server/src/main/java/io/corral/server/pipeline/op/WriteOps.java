package io.corral.server.pipeline.op;

import io.corral.protocol.OpCode;
import io.corral.server.pipeline.WriteOp;
import java.util.HashMap;
import java.util.Map;

/** The write op for each opcode that changes state. */
public final class WriteOps {
    private final Map<Integer, WriteOp> byOpcode = new HashMap<>();

    public WriteOps() {
        CreateOp create = new CreateOp();
        for (int op : new int[] {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL}) {
            byOpcode.put(op, create);
        }
        DeleteOp delete = new DeleteOp();
        byOpcode.put(OpCode.DELETE, delete);
        byOpcode.put(OpCode.DELETE_CONTAINER, delete);
        byOpcode.put(OpCode.SET_DATA, new SetDataOp());
        byOpcode.put(OpCode.SET_ACL, new SetAclOp());
        byOpcode.put(OpCode.CHECK, new CheckOp());
        byOpcode.put(OpCode.MULTI, new MultiOp(this));
    }

    /** The op for {@code opcode}, or null when the opcode is not a write. */
    public WriteOp get(int opcode) {
        return byOpcode.get(opcode);
    }
}
