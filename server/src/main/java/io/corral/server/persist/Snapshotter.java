package io.corral.server.persist;

import io.corral.api.persistence.SnapshotStore;
import io.corral.server.tree.DataTree;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshots on a background thread while writes go on; at most one at a time (a trigger while one
 * runs is skipped, as in ZooKeeper). Owns the snapshot thread.
 */
public final class Snapshotter {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final SnapshotStore store;
    private final DataTree tree;
    private final LongSupplier monotonicMs;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corral-snapshot");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastSnapshotZxid = -1;

    public Snapshotter(SnapshotStore store, DataTree tree, LongSupplier monotonicMs) {
        this.store = store;
        this.tree = tree;
        this.monotonicMs = monotonicMs;
    }

    /**
     * Starts a snapshot named {@code zxid} (the last applied transaction); {@code sessions} is a copy taken on
     * the apply thread. Returns false when one is already running.
     */
    public boolean start(long zxid, Map<Long, Integer> sessions) {
        if (!running.compareAndSet(false, true)) {
            LOG.info("Snapshot at 0x{} skipped: the previous one is still being written", Long.toHexString(zxid));
            return false;
        }
        thread.execute(() -> {
            long began = monotonicMs.getAsLong();
            try {
                store.write(zxid, new SnapshotWriter(tree, sessions, zxid));
                lastSnapshotZxid = zxid;
                LOG.info("Snapshot 0x{} written in {} ms", Long.toHexString(zxid), monotonicMs.getAsLong() - began);
            } catch (Exception e) {
                LOG.error("Snapshot 0x{} failed; the log still holds every transaction", Long.toHexString(zxid), e);
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    public long lastSnapshotZxid() {
        return lastSnapshotZxid;
    }

    public boolean inProgress() {
        return running.get();
    }

    public void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(60, TimeUnit.SECONDS);
    }
}
