package io.corral.server.session;

/**
 * A client session. The id and password never change; the timeout is renegotiated on reconnect. {@code closing}
 * is set when a closeSession (explicit or by expiry) has been prepared, so no later request of it is accepted.
 * Fields other than the timeout are touched only by the pipeline thread.
 */
public final class Session {
    private final long id;
    private volatile int timeoutMs;
    private boolean closing;
    private Object owner;

    public Session(long id, int timeoutMs) {
        this.id = id;
        this.timeoutMs = timeoutMs;
    }

    public long id() {
        return id;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public void timeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public boolean closing() {
        return closing;
    }

    public void markClosing() {
        closing = true;
    }

    /** An ensemble member's role changed before the close it marked was committed: the new leader decides. */
    public void clearClosing() {
        closing = false;
    }

    /** The connection currently holding the session, or null while the client is disconnected. */
    public Object owner() {
        return owner;
    }

    public void owner(Object owner) {
        this.owner = owner;
    }
}
