package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code mode} is an {@link io.corral.protocol.AddWatchMode}. */
public record AddWatchRequest(String path, int mode) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeInt(mode);
    }

    public static AddWatchRequest read(JuteInput in) {
        return new AddWatchRequest(in.readString(), in.readInt());
    }
}
