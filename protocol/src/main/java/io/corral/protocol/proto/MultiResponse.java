package io.corral.protocol.proto;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a multi or multiRead reply, framed like {@link MultiRequest}. A failed multi still travels under a
 * ReplyHeader with err 0: the failure is in the results.
 */
public record MultiResponse(List<MultiResult> results) implements Record {
    @Override
    public void write(JuteOutput out) {
        for (MultiResult r : results) {
            new MultiHeader(r.type(), false, r.err()).write(out);
            if (r.response() != null) {
                r.response().write(out);
            }
        }
        MultiHeader.END.write(out);
    }

    public static MultiResponse read(JuteInput in) {
        List<MultiResult> results = new ArrayList<>();
        MultiHeader h = MultiHeader.read(in);
        while (!h.done()) {
            results.add(new MultiResult(h.type(), h.err(), readResult(h.type(), in)));
            h = MultiHeader.read(in);
        }
        return new MultiResponse(results);
    }

    private static Record readResult(int type, JuteInput in) {
        return switch (type) {
            case OpCode.CREATE -> CreateResponse.read(in);
            case OpCode.CREATE2 -> Create2Response.read(in);
            case OpCode.DELETE, OpCode.CHECK -> null;
            case OpCode.SET_DATA -> SetDataResponse.read(in);
            case OpCode.GET_DATA -> GetDataResponse.read(in);
            case OpCode.GET_CHILDREN -> GetChildrenResponse.read(in);
            case OpCode.ERROR -> ErrorResponse.read(in);
            default -> throw new JuteException("invalid result type " + type + " in multi response");
        };
    }
}
