package io.corral.server.pipeline;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;
import io.corral.server.monitor.ServerStats;
import io.corral.server.pipeline.op.ReadOps;
import io.corral.server.pipeline.op.WriteOps;
import io.corral.server.session.Session;
import io.corral.server.time.Clock;
import io.corral.server.txn.Applied;
import io.corral.server.watch.WatchTable;
import java.util.function.BiConsumer;

/**
 * What a connection hears back: a read is executed and answered when its turn comes, a write is answered once it
 * has applied, each reply is accounted and carries the zxid it completed at, and a connection that must end is
 * closed. Replies leave in each connection's request order ({@link ConnectionState}): the reads queued behind a
 * write are answered right after it, unless the client stopped reading. Pipeline thread only.
 */
final class ReplyPath {
    private final PipelineState state;
    private final WatchTable watches;
    private final ReplyWriter writer;
    private final ReadOps reads;
    private final WriteOps writes;
    private final ServerStats stats;
    private final Clock clock;
    private final BiConsumer<ConnectionState, Session> establish;

    /**
     * @param establish binds the session whose createSession applied to the connection that asked for it and
     *                  answers that handshake; the pipeline's, since a resumed session is bound the same way
     */
    ReplyPath(PipelineState state, WatchTable watches, ReplyWriter writer, ReadOps reads, WriteOps writes,
              ServerStats stats, Clock clock, BiConsumer<ConnectionState, Session> establish) {
        this.state = state;
        this.watches = watches;
        this.writer = writer;
        this.reads = reads;
        this.writes = writes;
        this.stats = stats;
        this.clock = clock;
        this.establish = establish;
    }

    /**
     * Answers an applied write, the head of its connection's in-flight requests, and the reads queued behind it;
     * nothing when there is no one to answer (a replayed or another server's transaction, a closed connection).
     */
    void applied(Request r, Applied applied, long zxid) {
        if (r == null || r.conn.closed) {
            return;
        }
        ConnectionState conn = r.conn;
        Request head = conn.inFlight.poll();
        assert head == r : "replies out of order on connection " + conn.link.connectionId();
        answerWrite(r, applied, zxid);
        drainReads(conn);
    }

    /** Answers the reads queued behind a write, stopping at the next write or while the client is not reading. */
    void drainReads(ConnectionState conn) {
        while (!conn.closed && !conn.inFlight.isEmpty() && !conn.inFlight.peek().isWrite() && !conn.link.congested()) {
            execute(conn.inFlight.poll());
        }
    }

    /** Answers the write {@code r}, which applied at {@code zxid} with the outcome {@code applied}. */
    void answerWrite(Request r, Applied applied, long zxid) {
        ConnectionState conn = r.conn;
        switch (r.type) {
            case OpCode.CREATE_SESSION -> {
                Session s = state.sessions().get(conn.sessionId());
                if (s != null) {
                    establish.accept(conn, s);
                }
                return;
            }
            case OpCode.CLOSE_SESSION -> {
                finish(r, zxid, applied.err(), null);
                close(conn, "client closed its session");
                return;
            }
            case OpCode.MULTI -> {
                // A multi's header says OK even when an op failed; the results carry the codes.
                finish(r, zxid, Code.OK, writes.get(OpCode.MULTI).reply(r.type, applied));
                return;
            }
            default -> {
                Record body = applied.err() == Code.OK ? writes.get(r.type).reply(r.type, applied) : null;
                finish(r, zxid, applied.err(), body);
            }
        }
    }

    /**
     * Answers {@code r}, whose turn it is: a read against the tree as applied so far, or a request whose answer was
     * settled on arrival (an auth packet, or a refusal under enforce.auth).
     */
    void execute(Request r) {
        ConnectionState conn = r.conn;
        if (r.presetErr != null) {
            finish(r, 0, r.presetErr, null);
            if (r.presetErr != Code.OK) {
                if (r.type == OpCode.AUTH) {
                    stats.authFailed();
                }
                close(conn, r.type == OpCode.AUTH ? "authentication failed" : "not authenticated (enforce.auth.enabled)");
            }
            return;
        }
        ReadOp op = reads.get(r.type);
        if (op == null) {
            // Not an opcode of the protocol: ZooKeeper answers UNIMPLEMENTED and drops the connection.
            finish(r, -1, Code.UNIMPLEMENTED, null);
            close(conn, "unknown opcode " + r.type);
            return;
        }
        Record body = null;
        int err = Code.OK;
        try {
            body = op.execute(r, state.readScope());
        } catch (KeeperCode e) {
            err = e.code();
        }
        long zxid = r.type == OpCode.AUTH ? 0 : state.lastApplied();
        finish(r, zxid, err, body);
        if (r.type == OpCode.AUTH && err != Code.OK) {
            close(conn, "authentication failed");
        }
    }

    private void finish(Request r, long zxid, int err, Record body) {
        ConnectionState conn = r.conn;
        long latencyMs = (System.nanoTime() - r.receivedNanos) / 1_000_000;
        conn.stats.answered(OpNames.shortName(r.type), r.xid, zxid, latencyMs, clock.wallMs());
        conn.stats.countSent();
        stats.answered(latencyMs);
        stats.requestDone(r.type, r.isWrite(), System.nanoTime() - r.receivedNanos);
        stats.sent();
        // Accounted before the reply leaves, so that whoever sees the reply also sees the request completed.
        conn.link.requestCompleted();
        conn.link.send(writer.reply(r.xid, zxid, err, body));
    }

    /** Ends {@code conn}: what it still has in flight is dropped unanswered, its watches go with it. */
    void close(ConnectionState conn, String reason) {
        if (!conn.closed) {
            conn.closed = true;
            for (int i = 0; i < conn.inFlight.size(); i++) {
                stats.dropped();
            }
            conn.inFlight.clear();
        }
        watches.removeAll(conn);
        conn.link.close(reason);
    }
}
