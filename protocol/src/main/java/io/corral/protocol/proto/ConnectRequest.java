package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record ConnectRequest(
        int protocolVersion, long lastZxidSeen, int timeOut, long sessionId, byte[] passwd, boolean readOnly)
        implements Record {

    @Override
    public void write(JuteOutput out) {
        out.writeInt(protocolVersion);
        out.writeLong(lastZxidSeen);
        out.writeInt(timeOut);
        out.writeLong(sessionId);
        out.writeBuffer(passwd);
        out.writeBool(readOnly);
    }

    /** Clients older than read-only mode end the frame after passwd; they count as readOnly = false. */
    public static ConnectRequest read(JuteInput in) {
        int protocolVersion = in.readInt();
        long lastZxidSeen = in.readLong();
        int timeOut = in.readInt();
        long sessionId = in.readLong();
        byte[] passwd = in.readBuffer();
        boolean readOnly = in.hasRemaining() && in.readBool();
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly);
    }
}
