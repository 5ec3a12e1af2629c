package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** A sub-transaction of a {@link MultiTxn}: the record for {@code type}, already serialized. */
public record Txn(int type, byte[] data) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(type);
        out.writeBuffer(data);
    }

    public static Txn read(JuteInput in) {
        return new Txn(in.readInt(), in.readBuffer());
    }
}
