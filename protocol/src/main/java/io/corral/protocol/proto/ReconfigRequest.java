package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code curConfigId} -1 skips the config version check. */
public record ReconfigRequest(String joiningServers, String leavingServers, String newMembers, long curConfigId)
        implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(joiningServers);
        out.writeString(leavingServers);
        out.writeString(newMembers);
        out.writeLong(curConfigId);
    }

    public static ReconfigRequest read(JuteInput in) {
        return new ReconfigRequest(in.readString(), in.readString(), in.readString(), in.readLong());
    }
}
