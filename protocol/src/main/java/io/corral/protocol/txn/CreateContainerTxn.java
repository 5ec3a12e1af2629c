package io.corral.protocol.txn;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record CreateContainerTxn(String path, byte[] data, List<ACL> acl, int parentCVersion) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        ACL.writeList(out, acl);
        out.writeInt(parentCVersion);
    }

    public static CreateContainerTxn read(JuteInput in) {
        return new CreateContainerTxn(in.readString(), in.readBuffer(), ACL.readList(in), in.readInt());
    }
}
