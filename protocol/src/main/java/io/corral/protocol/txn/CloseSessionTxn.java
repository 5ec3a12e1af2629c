package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** Lists the ephemerals the close removes. Logs from older servers have no body at all for closeSession. */
public record CloseSessionTxn(List<String> paths2Delete) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeStringVector(paths2Delete);
    }

    public static CloseSessionTxn read(JuteInput in) {
        return new CloseSessionTxn(in.readStringVector());
    }
}
