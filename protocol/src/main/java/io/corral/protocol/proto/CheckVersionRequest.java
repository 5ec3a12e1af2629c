package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Only valid inside a multi. */
public record CheckVersionRequest(String path, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeInt(version);
    }

    public static CheckVersionRequest read(JuteInput in) {
        return new CheckVersionRequest(in.readString(), in.readInt());
    }
}
