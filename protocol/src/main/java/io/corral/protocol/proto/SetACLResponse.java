package io.corral.protocol.proto;

import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record SetACLResponse(Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        stat.write(out);
    }

    public static SetACLResponse read(JuteInput in) {
        return new SetACLResponse(Stat.read(in));
    }
}
