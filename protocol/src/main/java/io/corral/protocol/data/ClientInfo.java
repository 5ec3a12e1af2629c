package io.corral.protocol.data;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record ClientInfo(String authScheme, String user) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(authScheme);
        out.writeString(user);
    }

    public static ClientInfo read(JuteInput in) {
        return new ClientInfo(in.readString(), in.readString());
    }
}
