package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** {@code version} -1 writes whatever the version. */
public record SetDataRequest(String path, byte[] data, int version) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        out.writeInt(version);
    }

    public static SetDataRequest read(JuteInput in) {
        return new SetDataRequest(in.readString(), in.readBuffer(), in.readInt());
    }
}
