package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code type} is a {@link io.corral.protocol.WatcherType}. */
public record CheckWatchesRequest(String path, int type) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeInt(type);
    }

    public static CheckWatchesRequest read(JuteInput in) {
        return new CheckWatchesRequest(in.readString(), in.readInt());
    }
}
