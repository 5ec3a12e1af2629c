package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record GetChildrenRequest(String path, boolean watch) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBool(watch);
    }

    public static GetChildrenRequest read(JuteInput in) {
        return new GetChildrenRequest(in.readString(), in.readBool());
    }
}
