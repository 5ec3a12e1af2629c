package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Also sent, with a null token, along with a SASL failure code. */
public record SetSASLResponse(byte[] token) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeBuffer(token);
    }

    public static SetSASLResponse read(JuteInput in) {
        return new SetSASLResponse(in.readBuffer());
    }
}
