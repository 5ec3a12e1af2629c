package io.corral.protocol.data;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

/**
 * A znode's stat as snapshots store it: no dataLength or numChildren, which are derived from the node, and
 * a cversion that counts child creations only and an ephemeralOwner that may be a container or TTL marker.
 */
public record StatPersisted(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
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
        out.writeLong(pzxid);
    }

    public static StatPersisted read(JuteInput in) {
        return new StatPersisted(
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                in.readLong());
    }
}
