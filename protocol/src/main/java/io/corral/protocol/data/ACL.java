package io.corral.protocol.data;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record ACL(int perms, Id id) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(perms);
        id.write(out);
    }

    public static ACL read(JuteInput in) {
        return new ACL(in.readInt(), Id.read(in));
    }

    /** An ACL list appears in many records; null is a legal value on the wire. */
    public static void writeList(JuteOutput out, List<ACL> acl) {
        out.writeVector(acl, JuteOutput::writeRecord);
    }

    public static List<ACL> readList(JuteInput in) {
        return in.readVector(ACL::read);
    }
}
