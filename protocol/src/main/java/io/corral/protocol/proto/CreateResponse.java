package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** The name actually created, sequence suffix included. */
public record CreateResponse(String path) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
    }

    public static CreateResponse read(JuteInput in) {
        return new CreateResponse(in.readString());
    }
}
