package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Precedes every reply and notification; {@code err} is a {@link io.corral.protocol.Code}. */
public record ReplyHeader(int xid, long zxid, int err) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(xid);
        out.writeLong(zxid);
        out.writeInt(err);
    }

    public static ReplyHeader read(JuteInput in) {
        return new ReplyHeader(in.readInt(), in.readLong(), in.readInt());
    }
}
