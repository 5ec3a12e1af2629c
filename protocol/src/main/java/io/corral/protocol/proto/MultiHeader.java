package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Frames each op and result inside multi bodies; see {@link MultiRequest} and {@link MultiResponse}. */
public record MultiHeader(int type, boolean done, int err) implements Record {
    /** Ends both a request and a response body. */
    public static final MultiHeader END = new MultiHeader(-1, true, -1);

    @Override
    public void write(JuteOutput out) {
        out.writeInt(type);
        out.writeBool(done);
        out.writeInt(err);
    }

    public static MultiHeader read(JuteInput in) {
        return new MultiHeader(in.readInt(), in.readBool(), in.readInt());
    }
}
