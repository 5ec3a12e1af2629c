package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

/** Full paths of the calling session's ephemerals. */
public record GetEphemeralsResponse(List<String> ephemerals) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeStringVector(ephemerals);
    }

    public static GetEphemeralsResponse read(JuteInput in) {
        return new GetEphemeralsResponse(in.readStringVector());
    }
}
