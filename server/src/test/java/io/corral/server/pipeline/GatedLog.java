package io.corral.server.pipeline;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.TxnLog;
import io.corral.persistence.memory.MemoryTxnLog;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MemoryTxnLog} whose commit a test can hold, so that transactions are prepared while earlier ones are
 * not yet durable (hence not applied). Open unless {@link #hold()} was called.
 */
final class GatedLog implements TxnLog {
    final MemoryTxnLog memory = new MemoryTxnLog();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

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
    public void append(LogEntry entry) {
        memory.append(entry);
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
        memory.commit();
    }

    @Override
    public void roll() {
        memory.roll();
    }

    @Override
    public LogReader readAfter(long afterZxid) {
        return memory.readAfter(afterZxid);
    }

    @Override
    public long commitCount() {
        return memory.commitCount();
    }

    @Override
    public void truncateAfter(long zxid) {
        memory.truncateAfter(zxid);
    }

    @Override
    public long lastZxid() {
        return memory.lastZxid();
    }

    @Override
    public void close() {
        release();
        memory.close();
    }
}
