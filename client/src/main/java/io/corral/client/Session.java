package io.corral.client;

/**
 * What survives a reconnect: the session id and password the server gave, the negotiated timeout, and the last zxid
 * seen in a reply, which the handshake and SetWatches carry so that the server neither accepts a client that has
 * seen the future nor forgets to tell it what it missed. Written by the connection thread, read by anyone.
 */
final class Session {
    static final int PASSWORD_LENGTH = 16;

    private volatile long id;
    private volatile byte[] password;
    private volatile int negotiatedTimeoutMs;
    private volatile long lastZxid;
    /** Once a read-write server has accepted the session, later handshakes must resume it, even to a read-only one. */
    private volatile boolean seenReadWriteServer;

    Session(long id, byte[] password) {
        this.id = id;
        this.password = password == null ? new byte[PASSWORD_LENGTH] : password.clone();
        this.seenReadWriteServer = id != 0;
    }

    long id() {
        return id;
    }

    byte[] password() {
        return password.clone();
    }

    int negotiatedTimeoutMs() {
        return negotiatedTimeoutMs;
    }

    long lastZxid() {
        return lastZxid;
    }

    /** Only moves forward; a reply built before a later one cannot take it back. */
    synchronized void sawZxid(long zxid) {
        if (zxid > lastZxid) {
            lastZxid = zxid;
        }
    }

    /** The id to send in the next handshake: 0 (a new session) until a read-write server has accepted one. */
    long idToResume() {
        return seenReadWriteServer ? id : 0;
    }

    synchronized void established(long newId, byte[] newPassword, int timeoutMs, boolean readOnlyServer) {
        id = newId;
        password = newPassword == null ? new byte[PASSWORD_LENGTH] : newPassword.clone();
        negotiatedTimeoutMs = timeoutMs;
        seenReadWriteServer |= !readOnlyServer;
    }
}
