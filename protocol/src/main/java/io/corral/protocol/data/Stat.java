package io.corral.protocol.data;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** The client's view of a znode; see {@link StatPersisted} for what is stored. */
public record Stat(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int dataLength,
        int numChildren,
        long pzxid) implements Record {

    @Override
    public void write(JuteOutput out) {
        out.writeLong(czxid);
        out.writeLong(mzxid);
        out.writeLong(ctime);
        out.writeLong(mtime);
        out.writeInt(version);
        out.writeInt(cversion);
        out.writeInt(aversion);
        out.writeLong(ephemeralOwner);
        out.writeInt(dataLength);
        out.writeInt(numChildren);
        out.writeLong(pzxid);
    }

    public static Stat read(JuteInput in) {
        return new Stat(
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                in.readInt(),
                in.readInt(),
                in.readLong());
    }
}
