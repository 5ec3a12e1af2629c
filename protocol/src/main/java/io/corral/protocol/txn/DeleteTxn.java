package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** For delete and deleteContainer. */
public record DeleteTxn(String path) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
    }

    public static DeleteTxn read(JuteInput in) {
        return new DeleteTxn(in.readString());
    }
}
