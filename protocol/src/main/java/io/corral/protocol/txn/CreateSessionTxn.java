package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record CreateSessionTxn(int timeOut) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(timeOut);
    }

    public static CreateSessionTxn read(JuteInput in) {
        return new CreateSessionTxn(in.readInt());
    }
}
