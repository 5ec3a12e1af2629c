package io.corral.server.monitor;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import io.corral.api.persistence.SnapshotStore;
import io.corral.api.persistence.TxnLog;
import io.corral.server.time.Clock;
import java.io.IOException;
import java.util.List;

/**
 * Wraps the persistence backend to measure it without touching the pipeline: the time of each log commit
 * (the fsync of a group commit) and the entries it covered, the time of each snapshot, and the last snapshot
 * written or loaded (for last_snapshot). Every call passes straight through; the wrapper adds no locking.
 */
public final class InstrumentedBackend implements PersistenceBackend {
    private final PersistenceBackend delegate;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final TimedLog log;
    private final TimedSnapshots snapshots;
    private volatile SnapshotRecord lastSnapshot;

    /** The zxid and wall time (ms) of a snapshot that completed or was loaded at start-up. */
    public record SnapshotRecord(long zxid, long wallMs) {
    }

    public InstrumentedBackend(PersistenceBackend delegate, ServerMetrics metrics, Clock clock) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.clock = clock;
        this.log = new TimedLog(delegate.log());
        this.snapshots = new TimedSnapshots(delegate.snapshots());
    }

    @Override
    public TxnLog log() {
        return log;
    }

    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public void purge(int retainCount) throws IOException {
        delegate.purge(retainCount);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The newest snapshot written or loaded, or null when there is none yet. */
    public SnapshotRecord lastSnapshot() {
        return lastSnapshot;
    }

    /** The duration of the latest log commit in ms (JMX's TxnLogElapsedSyncTime). */
    public long lastCommitMs() {
        return log.lastCommitMs;
    }

    private final class TimedLog implements TxnLog {
        private final TxnLog inner;
        /** Appends since the last commit; only the log thread touches it (TxnLog's contract). */
        private long pending;
        private volatile long lastCommitMs;

        TimedLog(TxnLog inner) {
            this.inner = inner;
        }

        @Override
        public void append(LogEntry entry) throws IOException {
            inner.append(entry);
            pending++;
        }

        @Override
        public void commit() throws IOException {
            long began = System.nanoTime();
            inner.commit();
            long ms = (System.nanoTime() - began) / 1_000_000;
            lastCommitMs = ms;
            metrics.fsyncTime.update(ms);
            metrics.fsyncs.inc();
            if (pending > 0) {
                metrics.logBatchSize.update(pending);
                pending = 0;
            }
        }

        @Override
        public void roll() throws IOException {
            inner.roll();
        }

        @Override
        public LogReader readAfter(long afterZxid) throws IOException {
            return inner.readAfter(afterZxid);
        }

        @Override
        public void truncateAfter(long zxid) throws IOException {
            inner.truncateAfter(zxid);
        }

        @Override
        public long lastZxid() {
            return inner.lastZxid();
        }

        @Override
        public long commitCount() {
            return inner.commitCount();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private final class TimedSnapshots implements SnapshotStore {
        private final SnapshotStore inner;

        TimedSnapshots(SnapshotStore inner) {
            this.inner = inner;
        }

        @Override
        public void write(long zxid, SnapshotSource source) throws IOException {
            long began = System.nanoTime();
            inner.write(zxid, source);
            metrics.snapshotTime.update((System.nanoTime() - began) / 1_000_000);
            metrics.snapshots.inc();
            lastSnapshot = new SnapshotRecord(zxid, clock.wallMs());
        }

        @Override
        public long loadNewest(SnapshotSink sink) throws IOException {
            long zxid = inner.loadNewest(sink);
            if (zxid >= 0) {
                lastSnapshot = new SnapshotRecord(zxid, clock.wallMs());
            }
            return zxid;
        }

        @Override
        public List<Long> list() throws IOException {
            return inner.list();
        }

        @Override
        public void deleteAfter(long zxid) throws IOException {
            inner.deleteAfter(zxid);
        }
    }
}
