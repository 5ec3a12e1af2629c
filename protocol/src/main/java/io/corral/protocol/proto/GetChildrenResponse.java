package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record GetChildrenResponse(List<String> children) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeStringVector(children);
    }

    public static GetChildrenResponse read(JuteInput in) {
        return new GetChildrenResponse(in.readStringVector());
    }
}
