package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;

public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly)
        implements Record {

    @Override
    public void write(JuteOutput out) {
        writeWithoutReadOnly(out);
        out.writeBool(readOnly);
    }

    /** For a client whose ConnectRequest had no readOnly byte: it would not expect one back either. */
    public void writeWithoutReadOnly(JuteOutput out) {
        out.writeInt(protocolVersion);
        out.writeInt(timeOut);
        out.writeLong(sessionId);
        out.writeBuffer(passwd);
    }

    public static ConnectResponse read(JuteInput in) {
        int protocolVersion = in.readInt();
        int timeOut = in.readInt();
        long sessionId = in.readLong();
        byte[] passwd = in.readBuffer();
        boolean readOnly = in.hasRemaining() && in.readBool();
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly);
    }
}
