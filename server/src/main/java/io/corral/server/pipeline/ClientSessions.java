package io.corral.server.pipeline;

import io.corral.protocol.OpCode;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.txn.CreateSessionTxn;
import io.corral.server.config.ServerConfig;
import io.corral.server.pipeline.Pipeline.Mode;
import io.corral.server.session.Session;
import io.corral.server.session.SessionIds;
import io.corral.server.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of this server's clients, from handshake to close. A handshake either starts a session, prepared
 * here (on a learner, forwarded to the leader) and answered once its createSession applies, or resumes one; either
 * way the session is then bound to the connection, which gets its ConnectResponse. An ensemble member that is not
 * serving holds handshakes ({@link HeldHandshakes}) until it serves. As session transactions apply, a created
 * session is the one its handshake made, and a closed one takes its connection with it.
 *
 * <p>Pipeline thread only, except {@link #sessionActive}.
 */
final class ClientSessions {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSessions.class);

    private final ServerConfig settings;
    private final Clock clock;
    private final PipelineState state;
    private final ReplyPath replies;
    private final ReplyWriter writer;
    private final SessionIds sessionIds;
    /** Learner: what went to the leader and waits for its answer; null when standalone. */
    private final Forwarding forwarding;
    private final Consumer<PreparedTxn> submit;
    /** Sessions handed out by handshakes whose createSession has not applied yet, by id. */
    private final Map<Long, Session> preparedSessions = new HashMap<>();
    /** Replica, not serving: handshakes held until it serves again. */
    private final HeldHandshakes heldHandshakes = new HeldHandshakes();

    /** @param submit where a createSession goes once prepared: the log stage, or the ensemble */
    ClientSessions(ServerConfig settings, Clock clock, PipelineState state, ReplyPath replies, ReplyWriter writer,
                   SessionIds sessionIds, Forwarding forwarding, Consumer<PreparedTxn> submit) {
        this.settings = settings;
        this.clock = clock;
        this.state = state;
        this.replies = replies;
        this.writer = writer;
        this.sessionIds = sessionIds;
        this.forwarding = forwarding;
        this.submit = submit;
    }

    /** The ConnectRequest of {@code conn}: a new session, or one to resume. */
    void connect(ConnectionState conn, ConnectRequest req, boolean legacyClient) {
        if (conn.closed) {
            return;
        }
        conn.legacyClient = legacyClient;
        if (state.mode() == Mode.NOT_SERVING) {
            if (!heldHandshakes.hold(conn, req, legacyClient, clock.monotonicMs() + holdBoundMs())) {
                replies.close(conn, "this server is not serving: it has no leader or quorum yet");
            }
            return;
        }
        if (req.lastZxidSeen() > state.lastApplied()) {
            replies.close(conn, "client has seen zxid 0x" + Long.toHexString(req.lastZxidSeen())
                    + " but this server is at 0x" + Long.toHexString(state.lastApplied()));
            return;
        }
        int timeoutMs = settings.negotiateSessionTimeout(req.timeOut());
        if (req.sessionId() == 0) {
            long id = sessionIds.nextId();
            Session s = new Session(id, timeoutMs);
            preparedSessions.put(id, s);
            conn.session = s;
            Request r = new Request(conn, 0, OpCode.CREATE_SESSION, null, System.nanoTime());
            if (state.mode() == Mode.LEARNER) {
                forwarding.forward(r, new CreateSessionTxn(timeoutMs));
                return;
            }
            r.txn = state.preparer().session(OpCode.CREATE_SESSION, new CreateSessionTxn(timeoutMs), id, r);
            conn.inFlight.add(r);
            submit.accept(r.txn);
            return;
        }
        Session s = state.sessions().get(req.sessionId());
        if (s == null || s.closing() || !java.util.Arrays.equals(req.passwd(), SessionIds.password(s.id()))) {
            LOG.info("Refusing to resume session 0x{} from {}: {}", Long.toHexString(req.sessionId()),
                    conn.link.remoteAddress(), s == null || s.closing() ? "expired or unknown" : "wrong password");
            conn.link.send(writer.connectResponse(
                    new ConnectResponse(0, 0, 0, new byte[SessionIds.PASSWORD_LENGTH], false), legacyClient));
            replies.close(conn, "invalid session");
            return;
        }
        bind(conn, s, timeoutMs);
    }

    /** A held handshake waits at most two ticks: longer than an election, shorter than clients' connect timeouts. */
    private long holdBoundMs() {
        return 2L * settings.tickTimeMs();
    }

    /** Makes {@code conn} the connection of {@code s} (closing the one it had) and answers its handshake. */
    void bind(ConnectionState conn, Session s, int timeoutMs) {
        Object previous = s.owner();
        if (previous instanceof ConnectionState old && old != conn) {
            replies.close(old, "session 0x" + Long.toHexString(s.id()) + " moved to another connection");
        }
        s.owner(conn);
        s.timeoutMs(timeoutMs);
        conn.stats.established(clock.wallMs());
        conn.session = s;
        sessionActive(s.id(), timeoutMs);
        conn.link.bindSession(s.id(), timeoutMs);
        conn.link.send(writer.connectResponse(
                new ConnectResponse(0, timeoutMs, s.id(), SessionIds.password(s.id()), false), conn.legacyClient));
    }

    /** A client of {@code sessionId} was heard from; any thread (net threads call it through the pipeline). */
    void sessionActive(long sessionId, int timeoutMs) {
        state.sessions().touch(sessionId, timeoutMs, clock.monotonicMs());
        if (forwarding != null) {
            forwarding.sessionActive(sessionId);
        }
    }

    /** Closes the connections whose handshake was held past its bound. */
    void closeOverdue() {
        for (ConnectionState overdue : heldHandshakes.overdue(clock.monotonicMs())) {
            replies.close(overdue, "this server is not serving: it has no leader or quorum yet");
        }
    }

    /**
     * The clients' side of a role change, once {@link EnsembleEvents#changeMode} has done its part: the sessions given
     * to handshakes whose createSession has not applied are forgotten with the rest of what was in flight, and a
     * member that serves again completes the handshakes it held meanwhile, before any later event.
     */
    void roleChanged(Mode next) {
        preparedSessions.clear();
        if (next != Mode.NOT_SERVING) {
            for (HeldHandshakes.Held h : heldHandshakes.releaseAll()) {
                connect(h.conn(), h.request(), h.legacyClient());
            }
        }
    }

    /** A createSession applied (see {@link io.corral.server.txn.SessionHook}). */
    void sessionCreated(long sessionId, int timeoutMs) {
        Session s = preparedSessions.remove(sessionId);
        state.sessions().add(s != null ? s : new Session(sessionId, timeoutMs), clock.monotonicMs());
    }

    /**
     * A closeSession applied, the client's own or an expiry's or an administrator's (see
     * {@link io.corral.server.txn.SessionHook}).
     */
    void sessionClosed(long sessionId) {
        Session s = state.sessions().get(sessionId);
        state.sessions().remove(sessionId);
        if (forwarding != null) {
            forwarding.sessionClosed(sessionId);
        }
        if (s != null && s.owner() instanceof ConnectionState owner && !owner.closed) {
            // Expired while connected (a frozen client): drop the connection without a word, as ZooKeeper does.
            boolean explicitClose = !owner.inFlight.isEmpty() && owner.inFlight.peek().type == OpCode.CLOSE_SESSION;
            if (!explicitClose) {
                replies.close(owner, "session 0x" + Long.toHexString(sessionId) + " expired");
            }
        }
    }
}
