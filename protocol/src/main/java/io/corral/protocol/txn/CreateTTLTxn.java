package io.corral.protocol.txn;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record CreateTTLTxn(String path, byte[] data, List<ACL> acl, int parentCVersion, long ttl)
        implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        ACL.writeList(out, acl);
        out.writeInt(parentCVersion);
        out.writeLong(ttl);
    }

    public static CreateTTLTxn read(JuteInput in) {
        return new CreateTTLTxn(in.readString(), in.readBuffer(), ACL.readList(in), in.readInt(), in.readLong());
    }
}
