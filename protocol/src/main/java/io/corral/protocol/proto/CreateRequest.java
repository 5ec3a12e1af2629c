package io.corral.protocol.proto;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** Used by create, create2 and createContainer alike; {@code flags} is a {@link io.corral.protocol.CreateFlags}. */
public record CreateRequest(String path, byte[] data, List<ACL> acl, int flags) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        ACL.writeList(out, acl);
        out.writeInt(flags);
    }

    public static CreateRequest read(JuteInput in) {
        return new CreateRequest(in.readString(), in.readBuffer(), ACL.readList(in), in.readInt());
    }
}
