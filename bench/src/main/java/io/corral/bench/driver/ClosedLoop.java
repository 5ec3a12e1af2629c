package io.corral.bench.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.ZooKeeper;

/**
 * Closed-loop load: one driver thread per session keeps at most {@code outstanding} asynchronous requests in
 * flight (a semaphore per session), from the start of warm-up until the end of the measured window, until the
 * source runs dry, or until an optional number of measured requests has been issued.
 *
 * <p>Only requests issued inside the measured window are counted. Throughput is those requests divided by the
 * window, which ends early at the last completion when the source runs dry (the delete workload).
 */
public final class ClosedLoop {

    /** What one run produced. {@code unfinished} requests never completed within the drain timeout. */
    public record Outcome(LatencyStats stats, double seconds, long unfinished, Throwable failure) {
        public double opsPerSecond() {
            return seconds > 0 ? stats.ops() / seconds : 0;
        }
    }

    private static final long POLL_MS = 50;

    private final List<ZooKeeper> sessions;
    private final int outstanding;
    private final OpSource source;
    private long opLimit;

    public ClosedLoop(List<ZooKeeper> sessions, int outstanding, OpSource source) {
        if (sessions.isEmpty() || outstanding < 1) {
            throw new IllegalArgumentException("need at least one session and one outstanding request");
        }
        this.sessions = sessions;
        this.outstanding = outstanding;
        this.source = source;
    }

    /**
     * Ends the measured window after {@code maxOps} requests issued inside it, if that comes before the end of the
     * duration; 0 means no limit. The window then ends at the last completion, as for a dry source.
     */
    public ClosedLoop limitOps(long maxOps) {
        if (maxOps < 0) {
            throw new IllegalArgumentException("negative op limit " + maxOps);
        }
        this.opLimit = maxOps;
        return this;
    }

    /** Runs without warm-up until the source is dry or {@code limit} passes (for untimed setup work). */
    public Outcome runToCompletion(Duration limit, Duration drain) throws InterruptedException {
        return run(Duration.ZERO, limit, drain);
    }

    public Outcome run(Duration warmup, Duration measure, Duration drain) throws InterruptedException {
        long startNs = System.nanoTime();
        long measureFromNs = startNs + warmup.toNanos();
        long endNs = measureFromNs + measure.toNanos();
        int n = sessions.size();
        Semaphore[] permits = new Semaphore[n];
        List<LatencyStats> stats = new ArrayList<>();
        List<Thread> drivers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger dry = new AtomicInteger();
        AtomicLong measuredIssued = new AtomicLong();
        for (int k = 0; k < n; k++) {
            permits[k] = new Semaphore(outstanding);
            stats.add(new LatencyStats());
            int session = k;
            Thread driver = new Thread(() -> {
                try {
                    if (!drive(session, permits[session], stats.get(session), measureFromNs, endNs, measuredIssued)) {
                        dry.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "driver-" + k);
            driver.setDaemon(true);
            drivers.add(driver);
            driver.start();
        }
        for (Thread driver : drivers) {
            driver.join();
        }
        long unfinished = drain(permits, drain);
        LatencyStats total = LatencyStats.merge(stats);
        // A window cut short by a dry source ends at its last completion; otherwise it is the full window.
        boolean allDry = dry.get() == n && total.lastCompletionNs() != 0;
        long windowEndNs = allDry ? Math.min(endNs, total.lastCompletionNs()) : endNs;
        double seconds = Math.max(0, windowEndNs - measureFromNs) / 1e9;
        return new Outcome(total, seconds, unfinished, failure.get());
    }

    /** Issues requests until the deadline (returns true) or until the source is dry for this session (false). */
    private boolean drive(int session, Semaphore permits, LatencyStats stats, long measureFromNs, long endNs,
            AtomicLong measuredIssued) throws InterruptedException {
        ZooKeeper zk = sessions.get(session);
        while (System.nanoTime() - endNs < 0) {
            // Polling keeps the driver responsive to the deadline even when the server stops answering.
            if (!permits.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long startNs = System.nanoTime();
            if (opLimit > 0 && startNs - measureFromNs >= 0 && measuredIssued.incrementAndGet() > opLimit) {
                permits.release();
                return false;
            }
            OpCallback done = new OpCallback(startNs, measureFromNs, stats, permits, source);
            boolean issued;
            try {
                issued = source.issue(zk, session, done);
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
            if (!issued) {
                permits.release();
                return false;
            }
        }
        return true;
    }

    /** Waits for every permit to come back; returns how many requests were still in flight at the deadline. */
    private long drain(Semaphore[] permits, Duration limit) throws InterruptedException {
        long deadlineNs = System.nanoTime() + limit.toNanos();
        long unfinished = 0;
        for (Semaphore p : permits) {
            long leftNs = Math.max(0, deadlineNs - System.nanoTime());
            if (p.tryAcquire(outstanding, leftNs, TimeUnit.NANOSECONDS)) {
                p.release(outstanding);
            } else {
                unfinished += outstanding - p.availablePermits();
            }
        }
        return unfinished;
    }
}
