package io.corral.protocol.proto;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record CreateTTLRequest(String path, byte[] data, List<ACL> acl, int flags, long ttl) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        ACL.writeList(out, acl);
        out.writeInt(flags);
        out.writeLong(ttl);
    }

    public static CreateTTLRequest read(JuteInput in) {
        return new CreateTTLRequest(in.readString(), in.readBuffer(), ACL.readList(in), in.readInt(), in.readLong());
    }
}
