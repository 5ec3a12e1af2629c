package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Counts every descendant, not only direct children. */
public record GetAllChildrenNumberResponse(int totalNumber) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeInt(totalNumber);
    }

    public static GetAllChildrenNumberResponse read(JuteInput in) {
        return new GetAllChildrenNumberResponse(in.readInt());
    }
}
