package io.corral.client;

import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;

/**
 * The first exchange of every connection. A ConnectResponse with timeout 0 is the server's way of saying the
 * session is gone (expired, closed, or the password did not match); the client must stop and report Expired.
 */
final class Handshake {
    private Handshake() {
    }

    static ConnectRequest request(Session session, int requestedTimeoutMs, boolean readOnly) {
        return new ConnectRequest(0, session.lastZxid(), requestedTimeoutMs, session.idToResume(),
                session.password(), readOnly);
    }

    static boolean isExpired(ConnectResponse response) {
        return response.timeOut() <= 0;
    }
}
