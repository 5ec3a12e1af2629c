package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Also logs a reconfig. {@code version} is the new data version, not the one the request expected. */
public record SetDataTxn(String path, byte[] data, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        out.writeInt(version);
    }

    public static SetDataTxn read(JuteInput in) {
        return new SetDataTxn(in.readString(), in.readBuffer(), in.readInt());
    }
}
