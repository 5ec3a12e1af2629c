package io.corral.server.session;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Live sessions by id, and their expiry. The map belongs to the pipeline thread; {@link #touch} may be called
 * from any thread because it only moves the session in the concurrent {@link ExpiryQueue}.
 */
public final class SessionTable {
    private final Map<Long, Session> sessions = new HashMap<>();
    private final ExpiryQueue<Long> expiry;

    public SessionTable(long tickMs) {
        this.expiry = new ExpiryQueue<>(tickMs);
    }

    public Session get(long id) {
        return sessions.get(id);
    }

    public void add(Session s, long nowMs) {
        sessions.put(s.id(), s);
        expiry.touch(s.id(), nowMs, s.timeoutMs());
    }

    public void remove(long id) {
        sessions.remove(id);
        expiry.remove(id);
    }

    /** Renews a session's lease; safe from any thread. */
    public void touch(long id, int timeoutMs, long nowMs) {
        expiry.touch(id, nowMs, timeoutMs);
    }

    public java.util.List<Long> expired(long nowMs) {
        return expiry.expire(nowMs);
    }

    public Collection<Session> all() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    public ExpiryQueue<Long> expiryQueue() {
        return expiry;
    }
}
