package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code version} -1 deletes whatever the version. */
public record DeleteRequest(String path, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeInt(version);
    }

    public static DeleteRequest read(JuteInput in) {
        return new DeleteRequest(in.readString(), in.readInt());
    }
}
