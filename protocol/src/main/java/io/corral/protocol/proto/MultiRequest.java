package io.corral.protocol.proto;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of multi (14) and multiRead (22). Not a jute vector: each op is preceded by a MultiHeader and the
 * list ends with a header whose done flag is set. Which op kinds may be mixed is for the server to decide.
 */
public record MultiRequest(List<MultiOp> ops) implements Record {
    @Override
    public void write(JuteOutput out) {
        for (MultiOp op : ops) {
            new MultiHeader(op.type(), false, -1).write(out);
            op.request().write(out);
        }
        MultiHeader.END.write(out);
    }

    public static MultiRequest read(JuteInput in) {
        List<MultiOp> ops = new ArrayList<>();
        MultiHeader h = MultiHeader.read(in);
        while (!h.done()) {
            ops.add(new MultiOp(h.type(), readOp(h.type(), in)));
            h = MultiHeader.read(in);
        }
        return new MultiRequest(ops);
    }

    private static Record readOp(int type, JuteInput in) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> CreateRequest.read(in);
            case OpCode.CREATE_TTL -> CreateTTLRequest.read(in);
            case OpCode.DELETE -> DeleteRequest.read(in);
            case OpCode.SET_DATA -> SetDataRequest.read(in);
            case OpCode.CHECK -> CheckVersionRequest.read(in);
            case OpCode.GET_DATA -> GetDataRequest.read(in);
            case OpCode.GET_CHILDREN -> GetChildrenRequest.read(in);
            default -> throw new JuteException("invalid op type " + type + " in multi");
        };
    }
}
