package io.corral.protocol.proto;

import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record GetChildren2Response(List<String> children, Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeStringVector(children);
        stat.write(out);
    }

    public static GetChildren2Response read(JuteInput in) {
        return new GetChildren2Response(in.readStringVector(), Stat.read(in));
    }
}
