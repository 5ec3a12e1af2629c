package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record ExistsRequest(String path, boolean watch) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBool(watch);
    }

    public static ExistsRequest read(JuteInput in) {
        return new ExistsRequest(in.readString(), in.readBool());
    }
}
