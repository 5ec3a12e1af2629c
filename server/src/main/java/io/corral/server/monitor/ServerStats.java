package io.corral.server.monitor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters for srvr, stat and mntr. Updated from the network and pipeline threads; monitoring
 * reads them without locks and accepts values a moment old.
 */
public final class ServerStats {
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder latencyTotalMs = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private volatile long latencyMinMs = Long.MAX_VALUE;
    private volatile long latencyMaxMs;

    public void received() {
        packetsReceived.increment();
        outstanding.incrementAndGet();
    }

    public void sent() {
        packetsSent.increment();
    }

    public void answered(long latencyMs) {
        outstanding.decrementAndGet();
        latencyTotalMs.add(latencyMs);
        latencyCount.increment();
        // Racy min/max updates can lose a sample under contention; acceptable for a monitoring figure.
        if (latencyMs < latencyMinMs) {
            latencyMinMs = latencyMs;
        }
        if (latencyMs > latencyMaxMs) {
            latencyMaxMs = latencyMs;
        }
    }

    /** A request that will never be answered (its connection went away). */
    public void dropped() {
        outstanding.decrementAndGet();
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    public long outstanding() {
        return Math.max(0, outstanding.get());
    }

    public long minLatencyMs() {
        return latencyCount.sum() == 0 ? 0 : latencyMinMs;
    }

    public long maxLatencyMs() {
        return latencyMaxMs;
    }

    public double avgLatencyMs() {
        long n = latencyCount.sum();
        return n == 0 ? 0 : (double) latencyTotalMs.sum() / n;
    }

    public void reset() {
        packetsReceived.reset();
        packetsSent.reset();
        latencyTotalMs.reset();
        latencyCount.reset();
        latencyMinMs = Long.MAX_VALUE;
        latencyMaxMs = 0;
    }
}
