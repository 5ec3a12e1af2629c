package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record GetChildren2Request(String path, boolean watch) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBool(watch);
    }

    public static GetChildren2Request read(JuteInput in) {
        return new GetChildren2Request(in.readString(), in.readBool());
    }
}
