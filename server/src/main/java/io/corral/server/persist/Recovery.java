package io.corral.server.persist;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.server.session.Session;
import io.corral.server.session.SessionTable;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataTree;
import io.corral.server.txn.SessionHook;
import io.corral.server.txn.TxnApplier;
import io.corral.server.txn.TxnCodec;
import io.corral.server.watch.WatchTable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: loads the newest valid snapshot, then replays the log after it. Recovered sessions get a full
 * timeout from now, so those whose clients are gone expire on schedule and take their ephemerals with them.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What recovery produced: the tree, the sessions and the zxid of the last transaction in it. */
    public record Recovered(DataTree tree, SessionTable sessions, long snapshotZxid, long lastZxid,
                            boolean replayedAnything) {
    }

    private Recovery() {
    }

    public static Recovered recover(PersistenceBackend backend, boolean extendedTypes, long tickMs, Clock clock)
            throws IOException {
        return recover(backend, extendedTypes, tickMs, clock, e -> { });
    }

    /** As above; {@code replayed} sees every log entry replayed, in order (a replica keeps the newest in memory). */
    public static Recovered recover(PersistenceBackend backend, boolean extendedTypes, long tickMs, Clock clock,
                                    java.util.function.Consumer<LogEntry> replayed) throws IOException {
        long started = clock.monotonicMs();
        DataTree tree = new DataTree(extendedTypes);
        SessionTable sessions = new SessionTable(tickMs);
        TreeLoader loader = new TreeLoader(tree);
        long snapZxid = backend.snapshots().loadNewest(loader);
        long now = clock.monotonicMs();
        loader.sessions().forEach((id, timeout) -> sessions.add(new Session(id, timeout), now));
        if (snapZxid < 0) {
            snapZxid = 0;
        } else {
            LOG.info("Loaded snapshot 0x{}: {} nodes, {} sessions", Long.toHexString(snapZxid), loader.nodeCount(),
                    loader.sessions().size());
        }
        SessionHook hook = new SessionHook() {
            @Override
            public void sessionCreated(long sessionId, int timeoutMs) {
                sessions.add(new Session(sessionId, timeoutMs), clock.monotonicMs());
            }

            @Override
            public void sessionClosed(long sessionId) {
                sessions.remove(sessionId);
            }
        };
        TxnApplier applier = new TxnApplier(tree, new WatchTable(), hook);
        long last = snapZxid;
        long replayedCount = 0;
        try (LogReader reader = backend.log().readAfter(snapZxid)) {
            for (LogEntry e = reader.next(); e != null; e = reader.next()) {
                applier.apply(TxnCodec.decode(e.bytes()));
                replayed.accept(e);
                last = e.zxid();
                replayedCount++;
            }
        }
        LOG.info("Recovered to zxid 0x{} ({} transactions replayed after the snapshot) in {} ms: {} nodes, {} sessions",
                Long.toHexString(last), replayedCount, clock.monotonicMs() - started, tree.nodeCount(), sessions.size());
        return new Recovered(tree, sessions, snapZxid, last, replayedCount > 0 || snapZxid == 0);
    }
}
