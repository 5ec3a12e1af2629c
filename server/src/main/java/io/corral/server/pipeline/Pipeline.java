package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.ConnectionInfo;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.config.ServerConfig;
import io.corral.server.monitor.ServerStats;
import io.corral.server.persist.Recovery;
import io.corral.server.persist.SnapshotTrigger;
import io.corral.server.persist.Snapshotter;
import io.corral.server.pipeline.op.ReadOps;
import io.corral.server.pipeline.op.WriteOps;
import io.corral.server.session.Session;
import io.corral.server.session.SessionIds;
import io.corral.server.session.SessionTable;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataTree;
import io.corral.server.txn.Applied;
import io.corral.server.txn.SessionHook;
import io.corral.server.watch.WatchTable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of a standalone server:
 *
 * <pre>
 *   net threads ──events──▶ [pipeline thread] prepare (validate, zxid) ──▶ [log thread] append, one commit per batch
 *                                   ▲                                                 │
 *                                   └──────────── durable batch ◀─────────────────────┘
 *                           apply (tree, watches) ──▶ replies, in each connection's request order
 * </pre>
 *
 * <p>Everything stateful (tree, watches, sessions, pending changes, per-connection queues) is touched only by
 * the pipeline thread, which takes events from one queue; other threads only post events. In an ensemble the
 * ensemble takes the log stage's place ({@link Replicator} out, {@link Replica} in): a leader proposes what it
 * prepared, a learner forwards what is the leader's, and every member applies what the ensemble committed.
 *
 * <p>This class owns the thread and its queue, the entry points that post to it, the local log stage's batches
 * and the ticks; the events are handled, all on that thread, by {@link ClientSessions} (handshakes, and sessions
 * until they close), {@link RequestIntake} (a request as it arrives), {@link ReplyPath} (answers, in order, and
 * closing connections) and {@link EnsembleEvents} (what the ensemble tells a member), which work on the tree,
 * sessions and stages a replica's reload replaces together ({@link PipelineState}).
 */
public final class Pipeline implements SessionHook {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ServerConfig settings;
    private final Clock clock;
    private final WatchTable watches;
    /** Tree, sessions and the stages over them; replaced together when a replica reloads. */
    private final PipelineState state;
    private final LogStage logStage;
    /** The ensemble, or null for a standalone server (whose writes go to the log stage). */
    private final Replicator replicator;
    /** What the ensemble tells this member; null when standalone. */
    private final EnsembleEvents ensemble;
    /** Learner: what went to the leader and waits for its answer; null when standalone. */
    private final Forwarding forwarding;

    private final AuthRegistry auth;
    private final ServerStats stats;
    private final ReplyWriter writer = new ReplyWriter();
    private final WriteOps writes = new WriteOps();
    private final ReadOps reads = new ReadOps();
    private final ReplyPath replies;
    private final ClientSessions clientSessions;
    private final RequestIntake requests;
    private final ContainerReaper reaper;
    private volatile boolean running = true;

    /**
     * @param recovered the tree and sessions as recovery left them; the pipeline continues from its last zxid
     */
    public Pipeline(ServerConfig settings, long serverId, Clock clock, PersistenceBackend backend,
                    Recovery.Recovered recovered, AuthRegistry auth, ServerStats stats) {
        this(settings, serverId, clock, backend, recovered, auth, stats, null);
    }

    /**
     * A pipeline whose writes go through {@code replicator} (an ensemble member); it serves nobody until the
     * ensemble says so through {@link #replica()}.
     */
    public Pipeline(ServerConfig settings, long serverId, Clock clock, PersistenceBackend backend,
                    Recovery.Recovered recovered, AuthRegistry auth, ServerStats stats, Replicator replicator) {
        this.settings = settings;
        this.replicator = replicator;
        this.forwarding = replicator == null ? null : new Forwarding(replicator);
        this.clock = clock;
        this.auth = auth;
        this.stats = stats;
        this.watches = new WatchTable((w, acl) -> auth.allows(acl, Perms.READ, ((ConnectionState) w).authIds));
        SessionIds sessionIds = new SessionIds(serverId, clock.monotonicMs());
        this.state = new PipelineState(replicator == null ? Mode.STANDALONE : Mode.NOT_SERVING, watches, auth, clock,
                backend.snapshots(), sessionIds, this);
        state.install(recovered);
        this.replies = new ReplyPath(state, watches, writer, reads, writes, stats, clock, this::established);
        this.clientSessions = new ClientSessions(settings, clock, state, replies, writer, sessionIds, forwarding,
                this::submitTxn);
        this.requests = new RequestIntake(state, replies, forwarding, writes, reads, auth, stats, this::submitTxn);
        this.ensemble = replicator == null ? null : new EnsembleEvents(state, replies, forwarding, replicator, writes,
                settings, backend, clock, clientSessions::roleChanged);
        this.logStage = new LogStage(backend.log(), batch -> post(() -> applyBatch(batch)), this::fail,
                new SnapshotTrigger(settings.snapCount(), new Random()), () -> post(state::startSnapshot));
        this.reaper = new ContainerReaper(settings, clock);
        this.thread = new Thread(this::run, "corral-pipeline");
        thread.setDaemon(true);
    }

    public void start() {
        if (replicator == null) {
            logStage.start();
        }
        thread.start();
    }

    /** What this server is to its clients: standalone, or an ensemble member serving as leader or learner, or not. */
    public enum Mode { STANDALONE, LEADER, LEARNER, NOT_SERVING }

    public Mode mode() {
        return state.mode();
    }

    /** Closes every client connection; the ensemble side calls it when this server stops serving. */
    public void clientDropper(Runnable dropClients) {
        if (ensemble != null) {
            ensemble.clientDropper(dropClients);
        }
    }

    /** The ensemble's handle on this pipeline. */
    public Replica replica() {
        return new Replica(this, ensemble);
    }

    public void stop() throws InterruptedException {
        running = false;
        post(() -> { });
        thread.join(10_000);
        if (replicator == null) {
            logStage.stop();
        }
        state.snapshotter().stop();
    }

    /** Writes a snapshot of the current state in the background (at start-up, as ZooKeeper does). */
    public void snapshotNow() {
        post(state::startSnapshot);
    }

    public Snapshotter snapshotter() {
        return state.snapshotter();
    }

    private void fail() {
        LOG.error("Stopping: the pipeline can no longer make writes durable");
        running = false;
        post(() -> { });
    }

    public boolean isRunning() {
        return running;
    }

    void post(Runnable event) {
        events.add(event);
    }

    /** Runs {@code query} on the pipeline thread, for monitoring views of state the pipeline owns. */
    public void inspect(Runnable query) {
        post(query);
    }

    /** Events waiting for the pipeline thread: a monitoring gauge, safe from any thread. */
    public int queueDepth() {
        return events.size();
    }

    /** Transactions waiting for the log thread: a monitoring gauge, safe from any thread. */
    public int logQueueDepth() {
        return logStage.queueDepth();
    }

    /** Ends a session as if it had expired (JMX's terminateSession); any thread. */
    public void closeSession(long sessionId) {
        post(() -> onAdminClose(sessionId));
    }

    private void onAdminClose(long id) {
        Session s = state.sessions().get(id);
        if (s == null || s.closing()) {
            return;
        }
        LOG.info("Session 0x{} closed by an administrator", Long.toHexString(id));
        if (mode() == Mode.LEARNER) {
            replicator.forward(id, 0, OpCode.CLOSE_SESSION, new byte[0], List.of());
            return;
        }
        if (mode() == Mode.NOT_SERVING) {
            return;
        }
        s.markClosing();
        submitTxn(state.preparer().closeSession(id, 0, null));
    }

    private void run() {
        try {
            while (running) {
                Runnable event = events.take();
                try {
                    event.run();
                } catch (RuntimeException e) {
                    LOG.error("Unexpected failure in the pipeline; the event was dropped", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- entry points for the network layer (any thread) ----

    public ConnectionState newConnection(ClientLink link) {
        ConnectionState conn = new ConnectionState(link, writer);
        if (link.remoteAddress() != null && link.remoteAddress().getAddress() != null) {
            // Every connection holds the id of its own address, so ip ACLs need no auth packet.
            conn.authIds.add(new AuthId("ip", link.remoteAddress().getAddress().getHostAddress()));
        }
        return conn;
    }

    /**
     * The TLS handshake of {@code conn} completed with a client certificate: the scheme named by
     * {@code ssl.authProvider} (x509) turns it into ids before any request of the connection is handled; a refused
     * certificate closes the connection, as in ZooKeeper.
     */
    public void handshakeCompleted(ConnectionState conn) {
        post(() -> onHandshake(conn));
    }

    public void connect(ConnectionState conn, ConnectRequest request, boolean legacyClient) {
        post(() -> clientSessions.connect(conn, request, legacyClient));
    }

    public void submit(Request request) {
        post(() -> requests.take(request));
    }

    /** The client caught up with its replies: answer the reads held back for it. */
    public void drained(ConnectionState conn) {
        post(() -> replies.drainReads(conn));
    }

    public void disconnected(ConnectionState conn) {
        post(() -> onDisconnected(conn));
    }

    /** Expires sessions whose deadline passed and reaps containers; called once per tick by a timer. */
    public void tick() {
        post(this::onTick);
    }

    public long lastZxid() {
        return state.lastApplied();
    }

    /** A client of {@code sessionId} was heard from (net threads). */
    public void sessionActive(long sessionId, int timeoutMs) {
        clientSessions.sessionActive(sessionId, timeoutMs);
    }

    // ---- events, on the pipeline thread ----

    private void onHandshake(ConnectionState conn) {
        if (conn.closed) {
            return;
        }
        String scheme = settings.tls().authProvider();
        try {
            ConnectionInfo info = new ConnectionInfo(conn.link.remoteAddress(), conn.link.peerCertificates());
            for (AuthId id : auth.authenticateHandshake(scheme, info)) {
                if (!conn.authIds.contains(id)) {
                    conn.authIds.add(id);
                }
            }
        } catch (AuthenticationException e) {
            LOG.warn("Closing TLS connection from {}: the {} scheme refused its certificate: {}",
                    conn.link.remoteAddress(), scheme, e.getMessage());
            stats.authFailed();
            replies.close(conn, "client certificate refused");
        }
    }

    /** Standalone: to the local log. Leader: proposed to the ensemble, and remembered until it applies. */
    private void submitTxn(PreparedTxn t) {
        if (replicator == null) {
            logStage.submit(t);
            return;
        }
        ensemble.propose(t);
    }

    private void onDisconnected(ConnectionState conn) {
        if (conn.closed && conn.inFlight.isEmpty()) {
            watches.removeAll(conn);
            return;
        }
        conn.closed = true;
        for (int i = 0; i < conn.inFlight.size(); i++) {
            stats.dropped();
        }
        conn.inFlight.clear();
        watches.removeAll(conn);
        if (conn.session != null && conn.session.owner() == conn) {
            conn.session.owner(null);
        }
    }

    private void applyBatch(List<PreparedTxn> batch) {
        for (PreparedTxn p : batch) {
            Applied applied = state.applier().apply(p.txn());
            state.lastApplied(p.zxid());
            state.pending().applied(p.zxid());
            replies.applied(p.request(), applied, p.zxid());
        }
    }

    private void onTick() {
        clientSessions.closeOverdue();
        if (mode() == Mode.LEARNER) {
            forwarding.sendTouches();
            // Only the leader expires sessions; this only lets the learner's expiry queue drop the buckets that
            // touches left behind (every session it still serves is touched again, and a new leader re-arms all).
            state.sessions().expired(clock.monotonicMs());
            return;
        }
        if (mode() == Mode.NOT_SERVING) {
            return; // only a serving leader (or a standalone server) expires sessions and reaps containers
        }
        for (Long id : state.sessions().expired(clock.monotonicMs())) {
            Session s = state.sessions().get(id);
            if (s == null || s.closing()) {
                continue;
            }
            LOG.info("Session 0x{} expired after {} ms without a word from its client", Long.toHexString(id), s.timeoutMs());
            s.markClosing();
            submitTxn(state.preparer().closeSession(id, 0, null));
        }
        for (DeleteRequest reap : reaper.due(state.tree())) {
            try {
                submitTxn(state.preparer().prepare(writes.get(OpCode.DELETE_CONTAINER), OpCode.DELETE_CONTAINER,
                        reap, 0, 0, List.of(), null));
            } catch (KeeperCode e) {
                // It gained a child or went away since the scan: nothing to reap.
            }
        }
    }

    // ---- passed on to ClientSessions, for the reply path and the applier (built before it, as it uses them) ----

    /** A createSession applied and is answered: its session is bound to the connection that asked for it. */
    private void established(ConnectionState conn, Session s) {
        clientSessions.bind(conn, s, s.timeoutMs());
    }

    @Override
    public void sessionCreated(long sessionId, int timeoutMs) {
        clientSessions.sessionCreated(sessionId, timeoutMs);
    }

    @Override
    public void sessionClosed(long sessionId) {
        clientSessions.sessionClosed(sessionId);
    }

    /** The tree, for monitoring views (node count); owned by the pipeline thread. */
    public DataTree tree() {
        return state.tree();
    }

    /** The watch table, for monitoring views read through {@link #inspect}. */
    public WatchTable watches() {
        return watches;
    }

    // ---- monitoring (pipeline thread, through inspect) ----

    public SessionTable sessions() {
        return state.sessions();
    }

}
