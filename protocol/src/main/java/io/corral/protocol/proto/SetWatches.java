package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** Sent on reconnect to re-register watches; relativeZxid is the last zxid the client saw. */
public record SetWatches(
        long relativeZxid, List<String> dataWatches, List<String> existWatches, List<String> childWatches)
        implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeLong(relativeZxid);
        out.writeStringVector(dataWatches);
        out.writeStringVector(existWatches);
        out.writeStringVector(childWatches);
    }

    public static SetWatches read(JuteInput in) {
        return new SetWatches(in.readLong(), in.readStringVector(), in.readStringVector(), in.readStringVector());
    }
}
