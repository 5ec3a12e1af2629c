package io.corral.client;

import io.corral.protocol.OpCode;
import io.corral.protocol.proto.AuthPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The credentials given to addAuth, kept to be sent again after every reconnect, and the auth packets waiting for an
 * answer. Auth replies all carry xid -4, so they are matched by order, like everything else on the connection.
 */
final class AuthTracker {
    private final List<AuthPacket> credentials = new ArrayList<>();
    private final ArrayDeque<Packet> awaiting = new ArrayDeque<>();

    synchronized void remember(AuthPacket credential) {
        credentials.add(credential);
    }

    /** Fresh packets for every credential so far, for the handshake of a new connection. */
    synchronized List<Packet> replay() {
        List<Packet> packets = new ArrayList<>(credentials.size());
        for (AuthPacket credential : credentials) {
            packets.add(new Packet(OpCode.AUTH, credential, null, null));
        }
        return packets;
    }

    /** Called when an auth packet is written: its reply will be the next -4 after those already awaited. */
    synchronized void sent(Packet packet) {
        awaiting.addLast(packet);
    }

    /** The auth packet the next -4 reply answers, or null if there is none (a server bug; the reply is ignored). */
    synchronized Packet answered() {
        return awaiting.pollFirst();
    }

    synchronized List<Packet> drain() {
        List<Packet> all = new ArrayList<>(awaiting);
        awaiting.clear();
        return all;
    }
}
