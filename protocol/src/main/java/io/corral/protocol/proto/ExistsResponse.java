package io.corral.protocol.proto;

import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record ExistsResponse(Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        stat.write(out);
    }

    public static ExistsResponse read(JuteInput in) {
        return new ExistsResponse(Stat.read(in));
    }
}
