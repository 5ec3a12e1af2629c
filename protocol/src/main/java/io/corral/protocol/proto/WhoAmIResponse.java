package io.corral.protocol.proto;

import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.util.List;

public record WhoAmIResponse(List<ClientInfo> clientInfo) implements Record {
    @Override
    public void write(JuteOutput out) {
        out.writeVector(clientInfo, JuteOutput::writeRecord);
    }

    public static WhoAmIResponse read(JuteInput in) {
        return new WhoAmIResponse(in.readVector(ClientInfo::read));
    }
}
