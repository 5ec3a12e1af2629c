package io.corral.server.pipeline;

/**
 * Per-connection counters for cons and stat. Written by the pipeline thread, read by monitoring threads,
 * which accept slightly stale values.
 */
public final class ConnectionStats {
    private volatile long received;
    private volatile long sent;
    private volatile long lastZxid;
    private volatile int lastCxid = -1;
    private volatile String lastOp = "NA";
    private volatile long lastLatencyMs;
    private volatile long minLatencyMs = Long.MAX_VALUE;
    private volatile long maxLatencyMs;
    private volatile long totalLatencyMs;
    private volatile long answered;
    private volatile long lastResponseMs;
    private volatile long establishedMs;

    void countReceived() {
        received++;
    }

    void countSent() {
        sent++;
    }

    void answered(String op, int cxid, long zxid, long latencyMs, long nowMs) {
        lastOp = op;
        if (cxid >= 0) {
            lastCxid = cxid;
        }
        lastZxid = zxid;
        lastLatencyMs = latencyMs;
        minLatencyMs = Math.min(minLatencyMs, latencyMs);
        maxLatencyMs = Math.max(maxLatencyMs, latencyMs);
        totalLatencyMs += latencyMs;
        answered++;
        lastResponseMs = nowMs;
    }

    public void reset() {
        received = 0;
        sent = 0;
        minLatencyMs = Long.MAX_VALUE;
        maxLatencyMs = 0;
        totalLatencyMs = 0;
        answered = 0;
    }

    public long receivedCount() {
        return received;
    }

    public long sentCount() {
        return sent;
    }

    public long lastZxid() {
        return lastZxid;
    }

    public int lastCxid() {
        return lastCxid;
    }

    public String lastOp() {
        return lastOp;
    }

    public long lastLatencyMs() {
        return lastLatencyMs;
    }

    public long minLatencyMs() {
        return answered == 0 ? 0 : minLatencyMs;
    }

    public long maxLatencyMs() {
        return maxLatencyMs;
    }

    public long avgLatencyMs() {
        return answered == 0 ? 0 : totalLatencyMs / answered;
    }

    public long lastResponseMs() {
        return lastResponseMs;
    }

    void established(long wallMs) {
        establishedMs = wallMs;
    }

    public long establishedMs() {
        return establishedMs;
    }
}
