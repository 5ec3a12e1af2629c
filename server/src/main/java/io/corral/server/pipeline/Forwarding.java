package io.corral.server.pipeline;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.TxnHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A learner's side of its clients' requests that the leader must handle: writes, session creation and close, and
 * sync go to the leader, and each comes back as a commit (or, for a sync, as the leader's answer) that this class
 * matches to the request waiting for it, by session and cxid as ZooKeeper's learners do. It also collects the
 * sessions heard from, for the leader's expiry. Pipeline thread, except {@link #sessionActive}.
 */
final class Forwarding {
    private final Replicator replicator;
    /** Requests waiting for their commit, per session in order. */
    private final Map<Long, ArrayDeque<Request>> awaitingCommit = new HashMap<>();
    /** Syncs waiting for the leader's answer, per session. */
    private final Map<Long, ArrayDeque<Request>> awaitingSync = new HashMap<>();
    /** Sessions heard from since the last touch sent (net threads add). */
    private final Set<Long> touched = ConcurrentHashMap.newKeySet();

    Forwarding(Replicator replicator) {
        this.replicator = replicator;
    }

    /** Hands {@code r} (already validated as the leader's work) to the leader; it waits at its connection's turn. */
    void forward(Request r, Record body) {
        ConnectionState conn = r.conn;
        r.forwarded = true;
        conn.inFlight.add(r);
        if (r.type == OpCode.SYNC) {
            awaitingSync.computeIfAbsent(conn.sessionId(), k -> new ArrayDeque<>()).add(r);
            replicator.forward(conn.sessionId(), r.xid, r.type, encode(body), List.of());
            return;
        }
        awaitingCommit.computeIfAbsent(conn.sessionId(), k -> new ArrayDeque<>()).add(r);
        replicator.forward(conn.sessionId(), r.xid, r.type, encode(body), List.copyOf(conn.authIds));
    }

    /** The forwarded request a commit with this header answers, or null (another member's client, or none). */
    Request answeredBy(TxnHeader h) {
        ArrayDeque<Request> q = awaitingCommit.get(h.clientId());
        if (q == null || q.isEmpty() || q.peek().xid != h.cxid()) {
            return null;
        }
        Request r = q.poll();
        if (q.isEmpty()) {
            awaitingCommit.remove(h.clientId());
        }
        return r;
    }

    /** The leader answered the sync (session, cxid): returns it, marked done, or null if unknown. */
    Request syncDone(long sessionId, int cxid) {
        ArrayDeque<Request> q = awaitingSync.get(sessionId);
        if (q == null) {
            return null;
        }
        Request done = null;
        for (Iterator<Request> it = q.iterator(); it.hasNext(); ) {
            Request r = it.next();
            if (r.xid == cxid) {
                it.remove();
                r.syncDone = true;
                done = r;
                break;
            }
        }
        if (q.isEmpty()) {
            awaitingSync.remove(sessionId);
        }
        return done;
    }

    /** Any thread. */
    void sessionActive(long sessionId) {
        touched.add(sessionId);
    }

    /** Tells the leader which sessions were heard from since the last call. */
    void sendTouches() {
        if (touched.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(touched);
        touched.removeAll(ids);
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        replicator.touch(out);
    }

    void sessionClosed(long sessionId) {
        awaitingSync.remove(sessionId);
    }

    /** A role change: nothing forwarded so far will be answered (its connection is dropped). */
    void clear() {
        awaitingCommit.clear();
        awaitingSync.clear();
        touched.clear();
    }

    private static byte[] encode(Record record) {
        if (record == null) {
            return new byte[0];
        }
        JuteOutput out = new JuteOutput(128);
        record.write(out);
        return out.toByteArray();
    }
}
