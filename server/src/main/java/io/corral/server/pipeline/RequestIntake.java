package io.corral.server.pipeline;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.monitor.ServerStats;
import io.corral.server.pipeline.Pipeline.Mode;
import io.corral.server.pipeline.op.ReadOps;
import io.corral.server.pipeline.op.WriteOps;
import io.corral.server.session.Session;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's request as it arrives: a write or a session close is prepared and goes to be made durable (a learner
 * forwards it, and a sync, to the leader instead); a read is answered at once when nothing of its connection is
 * ahead of it, and otherwise waits its turn; an auth packet, or a request refused under enforce.auth, is settled
 * on arrival. Each takes its place in its connection's queue ({@link ConnectionState}), so that replies leave in
 * request order. Pipeline thread only.
 */
final class RequestIntake {
    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final PipelineState state;
    private final ReplyPath replies;
    /** Learner: what went to the leader and waits for its answer; null when standalone. */
    private final Forwarding forwarding;
    private final WriteOps writes;
    private final ReadOps reads;
    private final AuthRegistry auth;
    private final ServerStats stats;
    private final Consumer<PreparedTxn> submit;

    /** @param submit where a prepared transaction goes: the log stage, or the ensemble */
    RequestIntake(PipelineState state, ReplyPath replies, Forwarding forwarding, WriteOps writes, ReadOps reads,
                  AuthRegistry auth, ServerStats stats, Consumer<PreparedTxn> submit) {
        this.state = state;
        this.replies = replies;
        this.forwarding = forwarding;
        this.writes = writes;
        this.reads = reads;
        this.auth = auth;
        this.stats = stats;
        this.submit = submit;
    }

    /** A request of {@code r.conn}, in the order its connection sent them. */
    void take(Request r) {
        ConnectionState conn = r.conn;
        if (conn.closed || conn.closeAfterReply) {
            stats.dropped();
            return;
        }
        conn.stats.countReceived();
        if (state.mode() == Mode.NOT_SERVING) {
            replies.close(conn, "this server stopped serving: it lost its leader or quorum");
            return;
        }
        if (r.type == OpCode.AUTH || !auth.passesEnforcement(conn.authIds)) {
            answerAtOnce(r);
            return;
        }
        if (state.mode() == Mode.LEARNER && forwardIfLeaderWork(r)) {
            return;
        }
        if (r.type == OpCode.CLOSE_SESSION) {
            prepareClose(r);
        } else if (writes.get(r.type) != null) {
            prepareWrite(r);
        } else if (conn.inFlight.isEmpty() && !conn.link.congested()) {
            replies.execute(r);
            return;
        } else {
            conn.inFlight.add(r);
            return;
        }
        conn.inFlight.add(r);
        submit.accept(r.txn);
    }

    /** Learner: writes, session closes and syncs are the leader's; returns false for what is answered here. */
    private boolean forwardIfLeaderWork(Request r) {
        if (r.type == OpCode.CLOSE_SESSION) {
            r.conn.session.markClosing();
        } else if (writes.get(r.type) == null && r.type != OpCode.SYNC) {
            return false;
        }
        forwarding.forward(r, r.body);
        return true;
    }

    /**
     * An auth packet takes effect when it arrives, as in ZooKeeper: every request after it is checked with the ids
     * it gave, even while earlier writes are still in flight. Under {@code enforce.auth.enabled} a request of a
     * connection without an id of an enforced scheme is refused. Only the reply waits for its turn; after a
     * failure the connection takes no more requests and closes once the reply is out.
     */
    private void answerAtOnce(Request r) {
        ConnectionState conn = r.conn;
        if (r.type == OpCode.AUTH) {
            try {
                reads.get(OpCode.AUTH).execute(r, state.readScope());
                r.presetErr = Code.OK;
            } catch (KeeperCode e) {
                r.presetErr = e.code();
            }
        } else {
            LOG.warn("Refusing a request from {} (session 0x{}): it has authenticated with none of {}"
                            + " (enforce.auth.enabled); closing the connection", conn.link.remoteAddress(),
                    Long.toHexString(conn.sessionId()), auth.enforcedSchemes());
            r.presetErr = Code.SESSIONCLOSEDREQUIRESASLAUTH;
        }
        if (r.presetErr != Code.OK) {
            conn.closeAfterReply = true;
        }
        if (conn.inFlight.isEmpty() && !conn.link.congested()) {
            replies.execute(r);
        } else {
            conn.inFlight.add(r);
        }
    }

    private void prepareWrite(Request r) {
        ConnectionState conn = r.conn;
        long session = conn.sessionId();
        try {
            if (conn.session.closing()) {
                throw new KeeperCode(Code.SESSIONEXPIRED);
            }
            r.txn = state.preparer().prepare(writes.get(r.type), r.type, r.body, session, r.xid, conn.authIds, r);
        } catch (KeeperCode e) {
            r.txn = state.preparer().error(e.code(), session, r.xid, r);
        }
    }

    private void prepareClose(Request r) {
        Session s = r.conn.session;
        if (s.closing()) {
            r.txn = state.preparer().error(Code.SESSIONEXPIRED, s.id(), r.xid, r);
            return;
        }
        s.markClosing();
        r.txn = state.preparer().closeSession(s.id(), r.xid, r);
    }
}
