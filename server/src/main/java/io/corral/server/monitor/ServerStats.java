package io.corral.server.monitor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters for srvr, stat and mntr, and the entry points through which the network and pipeline
 * threads feed the {@link ServerMetrics}. Lock-free; monitoring reads accept values a moment old.
 */
public final class ServerStats {
    private final ServerMetrics metrics;
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder latencyTotalMs = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAccumulator latencyMinMs = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator latencyMaxMs = new LongAccumulator(Math::max, 0);
    private final LongAdder authFailed = new LongAdder();
    private volatile int lastResponseSize = -1;
    private final LongAccumulator minResponseSize = new LongAccumulator(Math::min, Integer.MAX_VALUE);
    private final LongAccumulator maxResponseSize = new LongAccumulator(Math::max, -1);

    public ServerStats() {
        this(new ServerMetrics());
    }

    public ServerStats(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    // ---- fed by the network and pipeline threads ----

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
        latencyMinMs.accumulate(latencyMs);
        latencyMaxMs.accumulate(latencyMs);
    }

    /** Per-opcode latency for the metrics, next to {@link #answered}; {@code write} splits read and update latency. */
    public void requestDone(int opcode, boolean write, long latencyNanos) {
        metrics.requestDone(opcode, write, latencyNanos);
    }

    /** A request that will never be answered (its connection went away). */
    public void dropped() {
        outstanding.decrementAndGet();
    }

    /** Bytes read from a client socket. */
    public void bytesReceived(long n) {
        metrics.bytesReceived.inc(n);
    }

    /** A frame queued for a client (length prefix included): response bytes and ZooKeeper's response size figures. */
    public void frameSent(int frameLength) {
        metrics.responseBytes.inc(frameLength);
        int size = frameLength - 4;
        lastResponseSize = size;
        minResponseSize.accumulate(size);
        maxResponseSize.accumulate(size);
    }

    public void authFailed() {
        authFailed.increment();
    }

    // ---- read by monitoring ----

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
        return latencyCount.sum() == 0 ? 0 : latencyMinMs.get();
    }

    public long maxLatencyMs() {
        return latencyMaxMs.get();
    }

    /** Average latency rounded to four places, as ZooKeeper prints it ({@code 1.321}). */
    public double avgLatencyMs() {
        long n = latencyCount.sum();
        return n == 0 ? 0.0 : Math.round(latencyTotalMs.sum() * 10_000.0 / n) / 10_000.0;
    }

    public long authFailedCount() {
        return authFailed.sum();
    }

    /** Size of the last reply, without its length prefix; -1 before the first (ZooKeeper's BufferStats). */
    public int lastResponseSize() {
        return lastResponseSize;
    }

    public int minResponseSize() {
        long v = minResponseSize.get();
        return v == Integer.MAX_VALUE ? -1 : (int) v;
    }

    public int maxResponseSize() {
        return (int) maxResponseSize.get();
    }

    // ---- resets ----

    /** What srst and JMX's resetStatistics zero: latencies, packet counts, response sizes and the metric summaries. */
    public void reset() {
        resetLatency();
        packetsReceived.reset();
        packetsSent.reset();
        lastResponseSize = -1;
        minResponseSize.reset();
        maxResponseSize.reset();
        metrics.reset();
    }

    public void resetLatency() {
        latencyTotalMs.reset();
        latencyCount.reset();
        latencyMinMs.reset();
        latencyMaxMs.reset();
    }

    public void resetMaxLatency() {
        latencyMaxMs.reset();
    }

    public void resetAuthFailed() {
        authFailed.reset();
    }
}
