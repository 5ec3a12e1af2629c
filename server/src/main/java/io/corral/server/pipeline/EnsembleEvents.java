package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.server.config.ServerConfig;
import io.corral.server.persist.Recovery;
import io.corral.server.persist.SnapshotStream;
import io.corral.server.persist.SnapshotWriter;
import io.corral.server.pipeline.Pipeline.Mode;
import io.corral.server.pipeline.op.WriteOps;
import io.corral.server.session.Session;
import io.corral.server.time.Clock;
import io.corral.server.txn.Applied;
import io.corral.server.txn.TxnCodec;
import io.corral.server.txn.TxnRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ensemble tells a member's pipeline, through {@link Replica}: commits to apply (answering this server's
 * clients whose requests they complete), a learner's forwarded requests and touches for the leader, a learner's
 * answered syncs, role changes, and snapshots to send, load or rebuild from. While the member leads it keeps what
 * it proposed and has not yet applied, since a commit of its own is answered from that.
 *
 * <p>Pipeline thread only, except {@link #clientDropper}, which any thread may call.
 */
final class EnsembleEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleEvents.class);

    private final PipelineState state;
    private final ReplyPath replies;
    private final Forwarding forwarding;
    private final Replicator replicator;
    private final WriteOps writes;
    private final ServerConfig settings;
    private final PersistenceBackend backend;
    private final Clock clock;
    private final Consumer<Mode> afterRoleChange;
    private volatile Runnable dropClients = () -> { };
    /** Leader: what it proposed and has not yet applied, by zxid. */
    private final Map<Long, PreparedTxn> proposed = new HashMap<>();

    /**
     * @param afterRoleChange the pipeline's part of a role change (its clients' handshakes), run last by
     *                        {@link #changeMode}, with the new role
     */
    EnsembleEvents(PipelineState state, ReplyPath replies, Forwarding forwarding, Replicator replicator,
                   WriteOps writes, ServerConfig settings, PersistenceBackend backend, Clock clock,
                   Consumer<Mode> afterRoleChange) {
        this.state = state;
        this.replies = replies;
        this.forwarding = forwarding;
        this.replicator = replicator;
        this.writes = writes;
        this.settings = settings;
        this.backend = backend;
        this.clock = clock;
        this.afterRoleChange = afterRoleChange;
    }

    /** Closes every client connection, when this member leaves a serving role; any thread. */
    void clientDropper(Runnable dropClients) {
        this.dropClients = dropClients;
    }

    /** Leader: replicates {@code t}, remembered until it applies so that its commit answers its request. */
    void propose(PreparedTxn t) {
        proposed.put(t.zxid(), t);
        replicator.propose(t.zxid(), t.bytes());
    }

    /** Applies commits in zxid order, answering the requests of this server's clients that they complete. */
    void applyCommitted(List<LogEntry> committed) {
        for (LogEntry e : committed) {
            PreparedTxn mine = proposed.remove(e.zxid());
            TxnRecord txn = mine != null ? mine.txn() : TxnCodec.decode(e.bytes());
            Request r = mine != null ? mine.request() : forwarding.answeredBy(txn.header());
            Applied applied = state.applier().apply(txn);
            state.lastApplied(e.zxid());
            if (state.mode() == Mode.LEADER) {
                state.pending().applied(e.zxid());
            }
            replies.applied(r, applied, e.zxid());
        }
    }

    /** Leader: a learner's client request, prepared as if it came from a connection of this server. */
    void onForwarded(long sessionId, int cxid, int type, byte[] body, List<AuthId> authIds) {
        if (state.mode() != Mode.LEADER) {
            return;
        }
        PreparedTxn t = LeaderIntake.prepare(state.preparer(), state.sessions(), writes, sessionId, cxid, type, body,
                authIds);
        if (t != null) {
            propose(t);
        }
    }

    /** Learner: the leader answered a forwarded sync; it is answered here once the requests before it are. */
    void onSyncDone(long sessionId, int cxid) {
        Request r = forwarding.syncDone(sessionId, cxid);
        if (r != null) {
            replies.drainReads(r.conn);
        }
    }

    /** Leader: a learner's clients of these sessions are alive. */
    void onTouched(long[] sessionIds) {
        long now = clock.monotonicMs();
        for (long id : sessionIds) {
            Session s = state.sessions().get(id);
            if (s != null && !s.closing()) {
                state.sessions().touch(id, s.timeoutMs(), now);
            }
        }
    }

    /**
     * The ensemble role changed. Whatever was in flight is dropped with the client connections (their clients
     * retry, here or elsewhere): what a former leader proposed may never commit, and a learner's forwarded
     * requests may never come back. A new leader's zxids continue in its epoch.
     */
    void changeMode(Mode next, long epoch) {
        Mode before = state.mode();
        if (before == next && next != Mode.NOT_SERVING) {
            return; // told twice (a role change, then serving): nothing in flight may be dropped
        }
        state.mode(next);
        if (before != next) {
            LOG.info("Serving clients as {} (was {})", next, before);
        }
        if (before != next && before != Mode.NOT_SERVING) {
            // Leaving a serving role: what was in flight may never complete. Handshakes held while not serving
            // are not affected, since a server that was not serving has answered nobody.
            dropClients.run();
        }
        proposed.clear();
        forwarding.clear();
        for (Session s : state.sessions().all()) {
            // A close this member marked may never have been committed; the session lives until the ensemble
            // closes it (its client is gone, so it expires if nothing else does).
            s.clearClosing();
        }
        state.restartPreparing(next == Mode.LEADER ? epoch << 32 : state.lastApplied());
        if (next == Mode.LEADER) {
            // The old leader's view of liveness is gone: every session gets a full timeout from now.
            long now = clock.monotonicMs();
            for (Session s : state.sessions().all()) {
                state.sessions().touch(s.id(), s.timeoutMs(), now);
            }
        }
        afterRoleChange.accept(next);
    }

    /** Leader: the exact state after every applied commit, for a learner that needs a snapshot. */
    byte[] encodeSnapshot(long zxid) throws IOException {
        if (zxid != state.lastApplied()) {
            throw new IOException("asked for a snapshot at 0x" + Long.toHexString(zxid)
                    + " while the tree is at 0x" + Long.toHexString(state.lastApplied()));
        }
        return SnapshotStream.encode(new SnapshotWriter(state.tree(), state.sessionTimeouts(), state.lastApplied()));
    }

    /** Learner: a leader's snapshot becomes this server's newest, durably, and its state. */
    void installSnapshot(long zxid, byte[] snapshot) throws IOException, InterruptedException {
        state.snapshotter().stop();
        backend.snapshots().deleteAfter(zxid);
        backend.snapshots().write(zxid, SnapshotStream.decode(snapshot));
        reloadFromDisk();
        LOG.info("Loaded the leader's snapshot at 0x{}: {} nodes", Long.toHexString(zxid), state.tree().nodeCount());
    }

    /** Learner: the log was truncated after {@code zxid}; rebuild from what disk now holds. */
    void truncatedTo(long zxid) throws IOException, InterruptedException {
        state.snapshotter().stop();
        backend.snapshots().deleteAfter(zxid);
        reloadFromDisk();
        LOG.info("Rebuilt the state after the leader truncated the log to 0x{}", Long.toHexString(zxid));
    }

    private void reloadFromDisk() throws IOException {
        state.install(Recovery.recover(backend, settings.extendedTypesEnabled(), settings.tickTimeMs(), clock));
    }

    /** The log rolled for a snapshot: take it in the background at the last applied zxid. */
    void snapshotDue() {
        state.startSnapshot();
    }
}
