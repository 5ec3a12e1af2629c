package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record GetSASLRequest(byte[] token) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeBuffer(token);
    }

    public static GetSASLRequest read(JuteInput in) {
        return new GetSASLRequest(in.readBuffer());
    }
}
