package io.corral.protocol.persistence;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/** The first 16 bytes of a transaction log or snapshot file. */
public record FileHeader(int magic, int version, long dbid) implements Record {
    /** "ZKLG" in ASCII. */
    public static final int LOG_MAGIC = 0x5A4B4C47;
    /** "ZKSN" in ASCII. */
    public static final int SNAP_MAGIC = 0x5A4B534E;
    public static final int VERSION = 2;

    /** ZooKeeper writes dbid 0 in logs and -1 in snapshots, and ignores it when reading. */
    public static FileHeader log() {
        return new FileHeader(LOG_MAGIC, VERSION, 0);
    }

    public static FileHeader snapshot() {
        return new FileHeader(SNAP_MAGIC, VERSION, -1);
    }

    @Override
    public void write(JuteOutput out) {
        out.writeInt(magic);
        out.writeInt(version);
        out.writeLong(dbid);
    }

    public static FileHeader read(JuteInput in) {
        return new FileHeader(in.readInt(), in.readInt(), in.readLong());
    }
}
