package io.corral.protocol.txn;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** {@code version} is the new aversion. */
public record SetACLTxn(String path, List<ACL> acl, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        ACL.writeList(out, acl);
        out.writeInt(version);
    }

    public static SetACLTxn read(JuteInput in) {
        return new SetACLTxn(in.readString(), ACL.readList(in), in.readInt());
    }
}
