package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Also the whole body of a successful addWatch reply, with err 0. */
public record ErrorResponse(int err) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(err);
    }

    public static ErrorResponse read(JuteInput in) {
        return new ErrorResponse(in.readInt());
    }
}
