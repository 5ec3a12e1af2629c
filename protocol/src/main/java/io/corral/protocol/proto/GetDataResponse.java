package io.corral.protocol.proto;

import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** Also the reply to reconfig, carrying the new configuration. */
public record GetDataResponse(byte[] data, Stat stat) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeBuffer(data);
        stat.write(out);
    }

    public static GetDataResponse read(JuteInput in) {
        return new GetDataResponse(in.readBuffer(), Stat.read(in));
    }
}
