package io.corral.server.pipeline;

import io.corral.protocol.jute.Record;

/**
 * One decoded client request. {@code body} is the request record, or null for ops without one (ping,
 * closeSession, whoAmI). {@code receivedNanos} starts the latency clock.
 */
public final class Request {
    final ConnectionState conn;
    final int xid;
    final int type;
    final Record body;
    final long receivedNanos;
    /** Set by prepare for writes: the transaction whose apply answers this request. */
    PreparedTxn txn;
    /** Learner: handed to the leader, which answers it with a commit (or, for a sync, with SyncDone). */
    boolean forwarded;
    /** Learner: the leader answered this forwarded sync. */
    boolean syncDone;
    /** Set for requests handled on arrival (auth, or refused under enforce.auth): the error code to reply. */
    Integer presetErr;

    public Request(ConnectionState conn, int xid, int type, Record body, long receivedNanos) {
        this.conn = conn;
        this.xid = xid;
        this.type = type;
        this.body = body;
        this.receivedNanos = receivedNanos;
    }

    public int xid() {
        return xid;
    }

    public int type() {
        return type;
    }

    public Record body() {
        return body;
    }

    public ConnectionState connection() {
        return conn;
    }

    /** A request whose answer waits on the log or the leader: the requests behind it wait for it. */
    boolean isWrite() {
        return txn != null || (forwarded && !syncDone);
    }
}
