package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Precedes every request after the handshake; {@code type} is an {@link io.corral.protocol.OpCode}. */
public record RequestHeader(int xid, int type) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(xid);
        out.writeInt(type);
    }

    public static RequestHeader read(JuteInput in) {
        return new RequestHeader(in.readInt(), in.readInt());
    }
}
