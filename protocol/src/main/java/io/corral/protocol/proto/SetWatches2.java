package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record SetWatches2(
        long relativeZxid,
        List<String> dataWatches,
        List<String> existWatches,
        List<String> childWatches,
        List<String> persistentWatches,
        List<String> persistentRecursiveWatches) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeLong(relativeZxid);
        out.writeStringVector(dataWatches);
        out.writeStringVector(existWatches);
        out.writeStringVector(childWatches);
        out.writeStringVector(persistentWatches);
        out.writeStringVector(persistentRecursiveWatches);
    }

    public static SetWatches2 read(JuteInput in) {
        return new SetWatches2(
                in.readLong(),
                in.readStringVector(),
                in.readStringVector(),
                in.readStringVector(),
                in.readStringVector(),
                in.readStringVector());
    }
}
