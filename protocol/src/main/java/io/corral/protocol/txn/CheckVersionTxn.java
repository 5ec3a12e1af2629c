package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Only ever a sub-transaction of a multi. */
public record CheckVersionTxn(String path, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeInt(version);
    }

    public static CheckVersionTxn read(JuteInput in) {
        return new CheckVersionTxn(in.readString(), in.readInt());
    }
}
