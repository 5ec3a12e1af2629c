package io.corral.protocol.proto;

import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record Create2Response(String path, Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeString(path);
        stat.write(out);
    }

    public static Create2Response read(JuteInput in) {
        return new Create2Response(in.readString(), Stat.read(in));
    }
}
