package io.corral.bench.driver;

import java.util.concurrent.Semaphore;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.data.Stat;

/**
 * The completion of one request issued by a {@link ClosedLoop}: records its latency (if it was issued inside the
 * measured window) and returns the session's permit so the driver may issue the next one.
 *
 * <p>It implements every callback shape the workloads use, so that one class serves create, setData, getData,
 * exists and delete. It runs on the client's event thread.
 */
public final class OpCallback implements AsyncCallback.StringCallback, AsyncCallback.StatCallback,
        AsyncCallback.DataCallback, AsyncCallback.VoidCallback {

    private final long startNs;
    private final long measureFromNs;
    private final LatencyStats stats;
    private final Semaphore permits;
    private final OpSource source;

    OpCallback(long startNs, long measureFromNs, LatencyStats stats, Semaphore permits, OpSource source) {
        this.startNs = startNs;
        this.measureFromNs = measureFromNs;
        this.stats = stats;
        this.permits = permits;
        this.source = source;
    }

    @Override
    public void processResult(int rc, String path, Object ctx, String name) {
        complete(rc);
    }

    @Override
    public void processResult(int rc, String path, Object ctx, Stat stat) {
        complete(rc);
    }

    @Override
    public void processResult(int rc, String path, Object ctx, byte[] data, Stat stat) {
        complete(rc);
    }

    @Override
    public void processResult(int rc, String path, Object ctx) {
        complete(rc);
    }

    private void complete(int rc) {
        long endNs = System.nanoTime();
        // Requests issued during warm-up still hold a permit but stay out of the figures.
        if (startNs - measureFromNs >= 0) {
            stats.record(endNs - startNs, source.isSuccess(rc), rc, endNs);
        }
        permits.release();
    }
}
