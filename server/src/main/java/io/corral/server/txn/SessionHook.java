package io.corral.server.txn;

/** How session transactions reach the session table when they apply. */
public interface SessionHook {
    void sessionCreated(long sessionId, int timeoutMs);

    void sessionClosed(long sessionId);
}
