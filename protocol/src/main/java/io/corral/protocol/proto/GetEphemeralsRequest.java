package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record GetEphemeralsRequest(String prefixPath) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(prefixPath);
    }

    public static GetEphemeralsRequest read(JuteInput in) {
        return new GetEphemeralsRequest(in.readString());
    }
}
