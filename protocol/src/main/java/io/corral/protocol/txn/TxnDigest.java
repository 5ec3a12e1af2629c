package io.corral.protocol.txn;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Optional trailer of a log entry: the tree digest after applying the transaction. */
public record TxnDigest(int version, long treeDigest) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(version);
        out.writeLong(treeDigest);
    }

    public static TxnDigest read(JuteInput in) {
        return new TxnDigest(in.readInt(), in.readLong());
    }
}
