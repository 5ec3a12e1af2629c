package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.LatencyStats;
import io.corral.bench.driver.SessionPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Session create/close rate: churn-threads loops each open a session and wait until it is connected (the timed
 * part: the server's createSession), then hand it to a closer pool and open the next one. Throughput is sessions
 * created per second; every one of them is closed before the workload ends.
 *
 * <p>Closing is not in the loop because the Apache client's {@code close()} always sleeps 100 ms after the socket
 * closes (ClientCnxnSocketNIO.cleanup), whatever the server: timed inline, that constant would hide the server.
 * {@code close_*} keys still report close() durations, that sleep included.
 */
public final class SessionChurn implements Workload {

    /** Code recorded when a session did not connect within the bound (not a ZooKeeper code). */
    private static final int NOT_CONNECTED = -1000;
    private static final int CLOSERS = 64;
    /** Sessions opened but not yet closed; the loops wait when this many are pending so closes keep up. */
    private static final int MAX_PENDING_CLOSES = 256;

    @Override
    public Result run(Settings s) throws Exception {
        int threads = s.integer("churn-threads");
        long startNs = System.nanoTime();
        long measureFromNs = startNs + s.seconds("warmup-s").toNanos();
        long endNs = measureFromNs + s.seconds("duration-s").toNanos();
        LatencyStats connects = new LatencyStats();
        LatencyStats closes = new LatencyStats();
        Semaphore pending = new Semaphore(MAX_PENDING_CLOSES);
        ExecutorService closers = Executors.newFixedThreadPool(CLOSERS, r -> {
            Thread t = new Thread(r, "churn-closer");
            t.setDaemon(true);
            return t;
        });
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread loop = new Thread(() -> churn(s.text("connect"), measureFromNs, endNs, connects, closes, pending,
                    closers), "churn-" + t);
            loop.setDaemon(true);
            loops.add(loop);
            loop.start();
        }
        long boundMs = TimeUnit.NANOSECONDS.toMillis(endNs - System.nanoTime()) + s.seconds("drain-s").toMillis();
        long deadlineMs = System.currentTimeMillis() + boundMs;
        int stuck = 0;
        for (Thread loop : loops) {
            loop.join(Math.max(1, deadlineMs - System.currentTimeMillis()));
            stuck += loop.isAlive() ? 1 : 0;
        }
        boolean closed = pending.tryAcquire(MAX_PENDING_CLOSES, Math.max(1, deadlineMs - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
        closers.shutdownNow();
        Result result = Result.of(s).latency(connects, s.seconds("duration-s").toSeconds())
                .percentiles("close_", closes).put("threads", threads);
        if (stuck > 0) {
            result.worsen("timeout").note(stuck + " churn loop(s) still connecting at the deadline");
        }
        if (!closed) {
            result.worsen("timeout").note(MAX_PENDING_CLOSES - pending.availablePermits()
                    + " session close(s) unfinished at the deadline");
        }
        return result.note("ops = sessions created; closed in the background (close_* includes the client's 100 ms)");
    }

    private static void churn(String connectString, long measureFromNs, long endNs, LatencyStats connects,
            LatencyStats closes, Semaphore pending, ExecutorService closers) {
        try {
            while (System.nanoTime() - endNs < 0) {
                pending.acquire();
                long t0 = System.nanoTime();
                CountDownLatch connected = new CountDownLatch(1);
                ZooKeeper zk;
                try {
                    zk = new ZooKeeper(connectString, SessionPool.SESSION_TIMEOUT_MS,
                            SessionPool.firstConnect(connected));
                } catch (IOException e) {
                    pending.release();
                    connects.recordError(NOT_CONNECTED);
                    return;
                }
                boolean ok = connected.await(SessionPool.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long t1 = System.nanoTime();
                boolean measured = t0 - measureFromNs >= 0;
                if (measured && ok) {
                    connects.record(t1 - t0, true, 0, t1);
                } else if (measured) {
                    connects.recordError(NOT_CONNECTED);
                }
                closers.execute(() -> close(zk, measured ? closes : null, pending));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(ZooKeeper zk, LatencyStats closes, Semaphore pending) {
        long t0 = System.nanoTime();
        try {
            zk.close();
            long t1 = System.nanoTime();
            if (closes != null) {
                closes.record(t1 - t0, true, 0, t1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.release();
        }
    }
}
