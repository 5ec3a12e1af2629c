package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** A failed write is logged too, so that it still consumes its zxid. */
public record ErrorTxn(int err) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(err);
    }

    public static ErrorTxn read(JuteInput in) {
        return new ErrorTxn(in.readInt());
    }
}
