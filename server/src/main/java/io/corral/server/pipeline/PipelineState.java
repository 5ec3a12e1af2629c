package io.corral.server.pipeline;

import io.corral.api.persistence.SnapshotStore;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.persist.Recovery;
import io.corral.server.persist.Snapshotter;
import io.corral.server.session.Session;
import io.corral.server.session.SessionIds;
import io.corral.server.session.SessionTable;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataTree;
import io.corral.server.txn.SessionHook;
import io.corral.server.txn.TxnApplier;
import io.corral.server.watch.WatchTable;
import java.util.HashMap;
import java.util.Map;

/**
 * The state the pipeline's stages work on: the tree and the sessions, the stages built over that tree (reads, the
 * applier, pending changes and the preparer, the snapshotter) and the last applied zxid. They are replaced together,
 * by {@link #install}, at start-up and when a replica reloads (a leader's snapshot, a truncated log), so that no
 * stage is left working on a tree the others have dropped; callers ask for them each time rather than keep them.
 * Beside them, the role this server serves its clients in, which only the ensemble changes.
 *
 * <p>Pipeline thread only, except the role, the sessions (which net threads touch) and the last applied zxid, all
 * volatile, and {@link #snapshotter}, which {@link Pipeline#stop} stops from its caller's thread.
 */
final class PipelineState {
    private final WatchTable watches;
    private final AuthRegistry auth;
    private final Clock clock;
    private final SnapshotStore snapshots;
    private final SessionIds sessionIds;
    private final SessionHook sessionHook;

    private volatile Pipeline.Mode mode;
    private DataTree tree;
    private volatile SessionTable sessions;
    private ReadScope readScope;
    private TxnApplier applier;
    private PendingChanges pending;
    private Preparer preparer;
    private Snapshotter snapshotter;
    private volatile long lastApplied;

    /** The parts that outlive a reload: the watches, the ACL checks, the clock, the session ids handed out. */
    PipelineState(Pipeline.Mode mode, WatchTable watches, AuthRegistry auth, Clock clock, SnapshotStore snapshots,
                  SessionIds sessionIds, SessionHook sessionHook) {
        this.mode = mode;
        this.watches = watches;
        this.auth = auth;
        this.clock = clock;
        this.snapshots = snapshots;
        this.sessionIds = sessionIds;
        this.sessionHook = sessionHook;
    }

    /** Makes {@code r} the state every stage works on: at start, and when a replica reloads from disk. */
    void install(Recovery.Recovered r) {
        tree = r.tree();
        sessions = r.sessions();
        for (Session s : sessions.all()) {
            sessionIds.advancePast(s.id());
        }
        applier = new TxnApplier(tree, watches, sessionHook);
        readScope = new ReadScope(tree, watches, auth, this::lastApplied);
        restartPreparing(r.lastZxid());
        lastApplied = r.lastZxid();
        snapshotter = new Snapshotter(snapshots, tree, clock::monotonicMs);
    }

    /**
     * Forgets what was prepared and not applied: the next write is validated against the tree as it is and takes
     * the zxid after {@code lastZxid}. A role change does this, since what was pending may never commit.
     */
    void restartPreparing(long lastZxid) {
        pending = new PendingChanges(tree);
        preparer = new Preparer(tree, pending, auth, clock, lastZxid);
    }

    /** Writes a snapshot of the tree in the background, at the last applied zxid. */
    void startSnapshot() {
        snapshotter.start(lastApplied, sessionTimeouts());
    }

    /** Every session's timeout, as a snapshot records them. */
    Map<Long, Integer> sessionTimeouts() {
        Map<Long, Integer> copy = new HashMap<>();
        for (Session s : sessions.all()) {
            copy.put(s.id(), s.timeoutMs());
        }
        return copy;
    }

    /** Any thread. */
    Pipeline.Mode mode() {
        return mode;
    }

    /** The ensemble made this server {@code next} to its clients. */
    void mode(Pipeline.Mode next) {
        mode = next;
    }

    DataTree tree() {
        return tree;
    }

    /** Any thread. */
    SessionTable sessions() {
        return sessions;
    }

    ReadScope readScope() {
        return readScope;
    }

    TxnApplier applier() {
        return applier;
    }

    PendingChanges pending() {
        return pending;
    }

    Preparer preparer() {
        return preparer;
    }

    Snapshotter snapshotter() {
        return snapshotter;
    }

    /** Any thread. */
    long lastApplied() {
        return lastApplied;
    }

    /** The transaction with {@code zxid} has applied to the tree. */
    void lastApplied(long zxid) {
        lastApplied = zxid;
    }
}
