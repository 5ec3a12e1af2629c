package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/**
 * Sent with xid -1; {@code type} is an {@link io.corral.protocol.EventType}, {@code state} a
 * {@link io.corral.protocol.KeeperState}.
 */
public record WatcherEvent(int type, int state, String path) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(type);
        out.writeInt(state);
        out.writeString(path);
    }

    public static WatcherEvent read(JuteInput in) {
        return new WatcherEvent(in.readInt(), in.readInt(), in.readString());
    }
}
