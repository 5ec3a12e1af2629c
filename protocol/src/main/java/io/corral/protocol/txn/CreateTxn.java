package io.corral.protocol.txn;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** For create and create2. {@code parentCVersion} is the parent's new stored cversion; -1 means increment. */
public record CreateTxn(String path, byte[] data, List<ACL> acl, boolean ephemeral, int parentCVersion)
        implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        ACL.writeList(out, acl);
        out.writeBool(ephemeral);
        out.writeInt(parentCVersion);
    }

    public static CreateTxn read(JuteInput in) {
        return new CreateTxn(in.readString(), in.readBuffer(), ACL.readList(in), in.readBool(), in.readInt());
    }
}
