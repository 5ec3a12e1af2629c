package io.corral.server.pipeline;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.TxnLog;
import io.corral.server.persist.SnapshotTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: appends every transaction that arrived while the previous commit ran, commits once (one fsync
 * for the whole batch), then releases the batch to be applied. Nothing is answered before its batch is durable.
 *
 * <p>Owns one thread. A failing log is fatal: the server cannot acknowledge writes it cannot keep.
 */
final class LogStage {
    private static final Logger LOG = LoggerFactory.getLogger(LogStage.class);
    private static final int MAX_BATCH = 10_000;
    private static final PreparedTxn STOP = new PreparedTxn(null, null, null);

    private final BlockingQueue<PreparedTxn> queue = new LinkedBlockingQueue<>();
    private final TxnLog log;
    private final Consumer<List<PreparedTxn>> durable;
    private final Runnable onFailure;
    private final SnapshotTrigger trigger;
    private final Runnable snapshotDue;
    private final Thread thread;

    /**
     * @param snapshotDue called (on the log thread) after the log rolled because the trigger fired; the snapshot
     *                    itself is taken elsewhere
     */
    LogStage(TxnLog log, Consumer<List<PreparedTxn>> durable, Runnable onFailure, SnapshotTrigger trigger,
             Runnable snapshotDue) {
        this.log = log;
        this.durable = durable;
        this.onFailure = onFailure;
        this.trigger = trigger;
        this.snapshotDue = snapshotDue;
        this.thread = new Thread(this::run, "corral-log");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(PreparedTxn txn) {
        queue.add(txn);
    }

    /** Transactions waiting to be logged (a monitoring gauge). */
    int queueDepth() {
        return queue.size();
    }

    void stop() throws InterruptedException {
        queue.add(STOP);
        thread.join(10_000);
    }

    private void run() {
        List<PreparedTxn> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH);
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    boolean snapshot = false;
                    for (PreparedTxn t : batch) {
                        log.append(new LogEntry(t.zxid(), t.bytes()));
                        snapshot |= trigger.logged();
                    }
                    log.commit();
                    durable.accept(batch);
                    batch = new ArrayList<>();
                    if (snapshot) {
                        // Later transactions go to a new log file, so the old ones can be purged with old snapshots.
                        log.roll();
                        snapshotDue.run();
                    }
                }
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            LOG.error("The transaction log failed; the server stops rather than answer writes it cannot keep", e);
            onFailure.run();
        }
    }
}
