package io.corral.client;

/**
 * The timers derived from the session timeout, as ZooKeeper's client computes them. The server expires a session
 * after it has heard nothing for the negotiated timeout, so the client must notice a dead connection sooner
 * (readTimeout = 2/3 of it) and must send something at least twice per readTimeout when it has nothing to say.
 */
public final class Timeouts {
    /** Pings go out at least this often however long the session timeout is. */
    public static final int MAX_PING_INTERVAL_MS = 10_000;

    private Timeouts() {
    }

    /** Without a frame from the server for this long, the connection is presumed dead. */
    public static int readTimeoutMs(int negotiatedTimeoutMs) {
        return Math.max(1, negotiatedTimeoutMs * 2 / 3);
    }

    /** Send a ping when nothing has been sent for this long. */
    public static int pingIntervalMs(int negotiatedTimeoutMs) {
        return Math.max(1, Math.min(readTimeoutMs(negotiatedTimeoutMs) / 2, MAX_PING_INTERVAL_MS));
    }

    /** The time one server gets to accept the TCP connection and answer the handshake. */
    public static int connectTimeoutMs(int sessionTimeoutMs, int serverCount) {
        return Math.max(1, sessionTimeoutMs / Math.max(1, serverCount));
    }
}
