package io.corral.protocol.proto;

import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record GetACLResponse(List<ACL> acl, Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        ACL.writeList(out, acl);
        stat.write(out);
    }

    public static GetACLResponse read(JuteInput in) {
        return new GetACLResponse(ACL.readList(in), Stat.read(in));
    }
}
