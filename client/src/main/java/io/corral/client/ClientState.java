package io.corral.client;

/** The client's connection state; the names are ZooKeeper's, which zkCli shows in its prompt. */
public enum ClientState {
    CONNECTING,
    CONNECTED,
    CONNECTEDREADONLY,
    /** Closed by the caller or expired by the server: the session is gone for good. */
    CLOSED,
    /** The server rejected the credentials of an addAuth; the client is unusable. */
    AUTH_FAILED;

    /** True while the client may still (re)connect and serve requests. */
    public boolean isAlive() {
        return this != CLOSED && this != AUTH_FAILED;
    }

    public boolean isConnected() {
        return this == CONNECTED || this == CONNECTEDREADONLY;
    }
}
