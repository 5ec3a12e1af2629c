package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record MultiTxn(List<Txn> txns) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeVector(txns, JuteOutput::writeRecord);
    }

    public static MultiTxn read(JuteInput in) {
        return new MultiTxn(in.readVector(Txn::read));
    }
}
