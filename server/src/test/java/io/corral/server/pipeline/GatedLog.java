package io.corral.server.pipeline;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.TxnLog;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A log (the memory backend's, in these tests) whose commit a test can hold, so that transactions are prepared
 * while earlier ones are not yet durable, hence not applied. Open unless {@link #hold()} was called.
 */
final class GatedLog implements TxnLog {
    private final TxnLog log;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    GatedLog(TxnLog log) {
        this.log = log;
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Commits currently blocked on the gate. */
    int waitingCommits() {
        return waiting.get();
    }

    @Override
    public void append(LogEntry entry) throws IOException {
        log.append(entry);
    }

    @Override
    public void commit() throws IOException {
        waiting.incrementAndGet();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test gate was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the test gate", e);
        } finally {
            waiting.decrementAndGet();
        }
        log.commit();
    }

    @Override
    public void roll() throws IOException {
        log.roll();
    }

    @Override
    public LogReader readAfter(long afterZxid) throws IOException {
        return log.readAfter(afterZxid);
    }

    @Override
    public void truncateAfter(long zxid) throws IOException {
        log.truncateAfter(zxid);
    }

    @Override
    public long lastZxid() {
        return log.lastZxid();
    }

    @Override
    public long commitCount() {
        return log.commitCount();
    }

    @Override
    public void close() throws IOException {
        release();
        log.close();
    }
}
