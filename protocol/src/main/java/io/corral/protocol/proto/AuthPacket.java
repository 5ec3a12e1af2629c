package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code type} is unused; clients send 0. */
public record AuthPacket(int type, String scheme, byte[] auth) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(type);
        out.writeString(scheme);
        out.writeBuffer(auth);
    }

    public static AuthPacket read(JuteInput in) {
        return new AuthPacket(in.readInt(), in.readString(), in.readBuffer());
    }
}
