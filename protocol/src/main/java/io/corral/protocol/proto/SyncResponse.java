package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record SyncResponse(String path) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
    }

    public static SyncResponse read(JuteInput in) {
        return new SyncResponse(in.readString());
    }
}
