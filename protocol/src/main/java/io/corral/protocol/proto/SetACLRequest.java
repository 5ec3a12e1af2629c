package io.corral.protocol.proto;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** {@code version} is compared with the node's aversion, not its data version. */
public record SetACLRequest(String path, List<ACL> acl, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        ACL.writeList(out, acl);
        out.writeInt(version);
    }

    public static SetACLRequest read(JuteInput in) {
        return new SetACLRequest(in.readString(), ACL.readList(in), in.readInt());
    }
}
