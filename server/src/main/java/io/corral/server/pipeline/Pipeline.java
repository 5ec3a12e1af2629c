package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.ConnectionInfo;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.txn.CreateSessionTxn;
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
import io.corral.server.txn.TxnApplier;
import io.corral.server.watch.WatchTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * the pipeline thread, which takes events from one queue; other threads only post events. Replication will
 * sit between prepare and apply in place of the local log stage.
 */
public final class Pipeline implements SessionHook {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ServerConfig settings;
    private final Clock clock;
    private final DataTree tree;
    private final WatchTable watches;
    private final ReadScope readScope;
    private final SessionTable sessions;
    private final SessionIds sessionIds;
    private final Map<Long, Session> preparedSessions = new HashMap<>();
    private final TxnApplier applier;
    private final PendingChanges pending;
    private final Preparer preparer;
    private final LogStage logStage;
    private final AuthRegistry auth;
    private final ServerStats stats;
    private final ReplyWriter writer = new ReplyWriter();
    private final WriteOps writes = new WriteOps();
    private final ReadOps reads = new ReadOps();
    private final ContainerReaper reaper;
    private final Snapshotter snapshotter;
    private volatile long lastApplied;
    private volatile boolean running = true;

    /**
     * @param recovered the tree and sessions as recovery left them; the pipeline continues from its last zxid
     */
    public Pipeline(ServerConfig settings, long serverId, Clock clock, PersistenceBackend backend,
                    Recovery.Recovered recovered, AuthRegistry auth, ServerStats stats) {
        this.settings = settings;
        this.clock = clock;
        this.auth = auth;
        this.stats = stats;
        this.tree = recovered.tree();
        this.watches = new WatchTable((w, acl) -> auth.allows(acl, Perms.READ, ((ConnectionState) w).authIds));
        this.sessions = recovered.sessions();
        this.sessionIds = new SessionIds(serverId, clock.monotonicMs());
        for (Session s : sessions.all()) {
            sessionIds.advancePast(s.id());
        }
        this.applier = new TxnApplier(tree, watches, this);
        this.readScope = new ReadScope(tree, watches, auth, this::lastZxid);
        this.pending = new PendingChanges(tree);
        this.preparer = new Preparer(tree, pending, auth, clock, recovered.lastZxid());
        this.lastApplied = recovered.lastZxid();
        this.snapshotter = new Snapshotter(backend.snapshots(), tree, clock::monotonicMs);
        this.logStage = new LogStage(backend.log(), batch -> post(() -> applyBatch(batch)), this::fail,
                new SnapshotTrigger(settings.snapCount(), new Random()), () -> post(this::takeSnapshot));
        this.reaper = new ContainerReaper(settings, clock);
        this.thread = new Thread(this::run, "corral-pipeline");
        thread.setDaemon(true);
    }

    public void start() {
        logStage.start();
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        post(() -> { });
        thread.join(10_000);
        logStage.stop();
        snapshotter.stop();
    }

    /** Writes a snapshot of the current state in the background (at start-up, as ZooKeeper does). */
    public void snapshotNow() {
        post(this::takeSnapshot);
    }

    public Snapshotter snapshotter() {
        return snapshotter;
    }

    private void takeSnapshot() {
        Map<Long, Integer> copy = new HashMap<>();
        for (Session s : sessions.all()) {
            copy.put(s.id(), s.timeoutMs());
        }
        snapshotter.start(lastApplied, copy);
    }

    private void fail() {
        LOG.error("Stopping: the pipeline can no longer make writes durable");
        running = false;
        post(() -> { });
    }

    public boolean isRunning() {
        return running;
    }

    private void post(Runnable event) {
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
        Session s = sessions.get(id);
        if (s == null || s.closing()) {
            return;
        }
        LOG.info("Session 0x{} closed by an administrator", Long.toHexString(id));
        s.markClosing();
        logStage.submit(preparer.closeSession(id, 0, null));
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
        post(() -> onConnect(conn, request, legacyClient));
    }

    public void submit(Request request) {
        post(() -> onRequest(request));
    }

    /** The client caught up with its replies: answer the reads held back for it. */
    public void drained(ConnectionState conn) {
        post(() -> drainReads(conn));
    }

    public void disconnected(ConnectionState conn) {
        post(() -> onDisconnected(conn));
    }

    /** Expires sessions whose deadline passed and reaps containers; called once per tick by a timer. */
    public void tick() {
        post(this::onTick);
    }

    public long lastZxid() {
        return lastApplied;
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
            close(conn, "client certificate refused");
        }
    }

    private void onConnect(ConnectionState conn, ConnectRequest req, boolean legacyClient) {
        if (conn.closed) {
            return;
        }
        conn.legacyClient = legacyClient;
        if (req.lastZxidSeen() > lastApplied) {
            close(conn, "client has seen zxid 0x" + Long.toHexString(req.lastZxidSeen())
                    + " but this server is at 0x" + Long.toHexString(lastApplied));
            return;
        }
        int timeoutMs = settings.negotiateSessionTimeout(req.timeOut());
        if (req.sessionId() == 0) {
            long id = sessionIds.nextId();
            Session s = new Session(id, timeoutMs);
            preparedSessions.put(id, s);
            conn.session = s;
            Request r = new Request(conn, 0, OpCode.CREATE_SESSION, null, System.nanoTime());
            r.txn = preparer.session(OpCode.CREATE_SESSION, new CreateSessionTxn(timeoutMs), id, r);
            conn.inFlight.add(r);
            logStage.submit(r.txn);
            return;
        }
        Session s = sessions.get(req.sessionId());
        if (s == null || s.closing() || !java.util.Arrays.equals(req.passwd(), SessionIds.password(s.id()))) {
            LOG.info("Refusing to resume session 0x{} from {}: {}", Long.toHexString(req.sessionId()),
                    conn.link.remoteAddress(), s == null || s.closing() ? "expired or unknown" : "wrong password");
            conn.link.send(writer.connectResponse(
                    new ConnectResponse(0, 0, 0, new byte[SessionIds.PASSWORD_LENGTH], false), legacyClient));
            close(conn, "invalid session");
            return;
        }
        bind(conn, s, timeoutMs);
    }

    private void bind(ConnectionState conn, Session s, int timeoutMs) {
        Object previous = s.owner();
        if (previous instanceof ConnectionState old && old != conn) {
            close(old, "session 0x" + Long.toHexString(s.id()) + " moved to another connection");
        }
        s.owner(conn);
        s.timeoutMs(timeoutMs);
        conn.stats.established(clock.wallMs());
        conn.session = s;
        sessions.touch(s.id(), timeoutMs, clock.monotonicMs());
        conn.link.bindSession(s.id(), timeoutMs);
        conn.link.send(writer.connectResponse(
                new ConnectResponse(0, timeoutMs, s.id(), SessionIds.password(s.id()), false), conn.legacyClient));
    }

    private void onRequest(Request r) {
        ConnectionState conn = r.conn;
        if (conn.closed || conn.closeAfterReply) {
            stats.dropped();
            return;
        }
        conn.stats.countReceived();
        if (r.type == OpCode.AUTH || !auth.passesEnforcement(conn.authIds)) {
            answerAtOnce(r);
            return;
        }
        if (r.type == OpCode.CLOSE_SESSION) {
            prepareClose(r);
        } else if (writes.get(r.type) != null) {
            prepareWrite(r);
        } else if (conn.inFlight.isEmpty() && !conn.link.congested()) {
            execute(r);
            return;
        } else {
            conn.inFlight.add(r);
            return;
        }
        conn.inFlight.add(r);
        logStage.submit(r.txn);
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
                reads.get(OpCode.AUTH).execute(r, readScope);
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
            execute(r);
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
            r.txn = preparer.prepare(writes.get(r.type), r.type, r.body, session, r.xid, conn.authIds, r);
        } catch (KeeperCode e) {
            r.txn = preparer.error(e.code(), session, r.xid, r);
        }
    }

    private void prepareClose(Request r) {
        Session s = r.conn.session;
        if (s.closing()) {
            r.txn = preparer.error(Code.SESSIONEXPIRED, s.id(), r.xid, r);
            return;
        }
        s.markClosing();
        r.txn = preparer.closeSession(s.id(), r.xid, r);
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
            Applied applied = applier.apply(p.txn());
            lastApplied = p.zxid();
            pending.applied(p.zxid());
            Request r = p.request();
            if (r == null) {
                continue;
            }
            ConnectionState conn = r.conn;
            if (conn.closed) {
                continue;
            }
            Request head = conn.inFlight.poll();
            assert head == r : "replies out of order on connection " + conn.link.connectionId();
            answerWrite(r, applied);
            drainReads(conn);
        }
    }

    /** Answers the reads queued behind a write, stopping at the next write or while the client is not reading. */
    private void drainReads(ConnectionState conn) {
        while (!conn.closed && !conn.inFlight.isEmpty() && !conn.inFlight.peek().isWrite() && !conn.link.congested()) {
            execute(conn.inFlight.poll());
        }
    }

    private void answerWrite(Request r, Applied applied) {
        ConnectionState conn = r.conn;
        switch (r.type) {
            case OpCode.CREATE_SESSION -> {
                Session s = sessions.get(conn.sessionId());
                if (s != null) {
                    bind(conn, s, s.timeoutMs());
                }
                return;
            }
            case OpCode.CLOSE_SESSION -> {
                finish(r, r.txn.zxid(), applied.err(), null);
                close(conn, "client closed its session");
                return;
            }
            case OpCode.MULTI -> {
                // A multi's header says OK even when an op failed; the results carry the codes.
                finish(r, r.txn.zxid(), Code.OK, writes.get(OpCode.MULTI).reply(r.type, applied));
                return;
            }
            default -> {
                Record body = applied.err() == Code.OK ? writes.get(r.type).reply(r.type, applied) : null;
                finish(r, r.txn.zxid(), applied.err(), body);
            }
        }
    }

    private void execute(Request r) {
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
            body = op.execute(r, readScope);
        } catch (KeeperCode e) {
            err = e.code();
        }
        long zxid = r.type == OpCode.AUTH ? 0 : lastApplied;
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

    private void close(ConnectionState conn, String reason) {
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

    private void onTick() {
        for (Long id : sessions.expired(clock.monotonicMs())) {
            Session s = sessions.get(id);
            if (s == null || s.closing()) {
                continue;
            }
            LOG.info("Session 0x{} expired after {} ms without a word from its client", Long.toHexString(id), s.timeoutMs());
            s.markClosing();
            logStage.submit(preparer.closeSession(id, 0, null));
        }
        for (DeleteRequest reap : reaper.due(tree)) {
            try {
                logStage.submit(preparer.prepare(writes.get(OpCode.DELETE_CONTAINER), OpCode.DELETE_CONTAINER,
                        reap, 0, 0, List.of(), null));
            } catch (KeeperCode e) {
                // It gained a child or went away since the scan: nothing to reap.
            }
        }
    }

    // ---- SessionHook: session transactions as they apply ----

    @Override
    public void sessionCreated(long sessionId, int timeoutMs) {
        Session s = preparedSessions.remove(sessionId);
        sessions.add(s != null ? s : new Session(sessionId, timeoutMs), clock.monotonicMs());
    }

    @Override
    public void sessionClosed(long sessionId) {
        Session s = sessions.get(sessionId);
        sessions.remove(sessionId);
        if (s != null && s.owner() instanceof ConnectionState owner && !owner.closed) {
            // Expired while connected (a frozen client): drop the connection without a word, as ZooKeeper does.
            boolean explicitClose = !owner.inFlight.isEmpty() && owner.inFlight.peek().type == OpCode.CLOSE_SESSION;
            if (!explicitClose) {
                close(owner, "session 0x" + Long.toHexString(sessionId) + " expired");
            }
        }
    }

    /** The tree, for monitoring views (node count); owned by the pipeline thread. */
    public DataTree tree() {
        return tree;
    }

    /** The watch table, for monitoring views read through {@link #inspect}. */
    public WatchTable watches() {
        return watches;
    }

    // ---- monitoring (pipeline thread, through inspect) ----

    public SessionTable sessions() {
        return sessions;
    }

}
