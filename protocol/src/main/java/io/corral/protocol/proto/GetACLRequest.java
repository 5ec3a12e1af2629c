package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record GetACLRequest(String path) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
    }

    public static GetACLRequest read(JuteInput in) {
        return new GetACLRequest(in.readString());
    }
}
