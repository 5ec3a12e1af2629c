package io.corral.protocol.data;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record Id(String scheme, String id) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(scheme);
        out.writeString(id);
    }

    public static Id read(JuteInput in) {
        return new Id(in.readString(), in.readString());
    }
}
