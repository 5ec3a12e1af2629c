package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code type} is an {@link io.corral.protocol.OpCode}; {@code time} becomes the node's ctime/mtime. */
public record TxnHeader(long clientId, int cxid, long zxid, long time, int type) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeLong(clientId);
        out.writeInt(cxid);
        out.writeLong(zxid);
        out.writeLong(time);
        out.writeInt(type);
    }

    public static TxnHeader read(JuteInput in) {
        return new TxnHeader(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readInt());
    }
}
