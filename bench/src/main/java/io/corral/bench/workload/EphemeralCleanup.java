package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.LatencyStats;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ephemeral cleanup: S sessions with E ephemerals each under one parent all close at once; the sample is the time
 * from the start of the closes until an observer session's read shows the parent empty. One unmeasured round
 * comes first. Throughput is ephemerals removed per second of cleanup.
 */
public final class EphemeralCleanup implements Workload {

    static final String ROOT = Tree.ROOT + "/eph";
    private static final Duration EMPTY_LIMIT = Duration.ofSeconds(60);
    /** Code recorded when the parent was not seen empty in time (not a ZooKeeper code). */
    private static final int NOT_EMPTY = -2000;

    @Override
    public Result run(Settings s) throws Exception {
        int holders = s.integer("eph-sessions");
        int each = s.integer("eph-per-session");
        int rounds = s.integer("eph-rounds");
        LatencyStats cleanup = new LatencyStats();
        double cleanupSeconds = 0;
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> problems = new ArrayList<>();
        try (SessionPool observerPool = SessionPool.open(s.text("connect"), 1)) {
            for (int r = 0; r <= rounds; r++) {
                String parent = ROOT + "/" + run + "-r" + r;
                long micros = round(observerPool, parent, holders, each, s, problems);
                if (r == 0) {
                    continue;
                }
                if (micros < 0) {
                    cleanup.recordError(NOT_EMPTY);
                } else {
                    cleanup.recordMicros(micros);
                    cleanupSeconds += micros / 1e6;
                }
            }
        }
        long removed = (cleanup.ops() - cleanup.errors()) * (long) holders * each;
        Result result = Result.of(s).latency(cleanup, cleanupSeconds)
                .put("ops_per_s", cleanupSeconds > 0 ? removed / cleanupSeconds : 0.0)
                .put("cleanup_ms_mean", cleanup.meanUs() < 0 ? -1 : cleanup.meanUs() / 1000)
                .put("eph_sessions", holders).put("eph_per_session", each).put("rounds", rounds);
        for (String problem : problems) {
            result.worsen("timeout").note(problem);
        }
        return result;
    }

    /** One round; returns the cleanup time in microseconds, or -1 if the parent was not seen empty in time. */
    private static long round(SessionPool observerPool, String parent, int holders, int each, Settings s,
            List<String> problems) throws Exception {
        Tree.ensure(observerPool.get(0), parent);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < holders * each; i++) {
            paths.add(parent + "/e" + i);
        }
        try (SessionPool owners = SessionPool.open(s.text("connect"), holders)) {
            // Dealt round-robin, so every owner session creates exactly `each` of them.
            Populate.create(owners, paths, Tree.payload(s.integer("data-bytes")), true, s);
            EmptyWatch watch = new EmptyWatch(observerPool.get(0), parent);
            int present = watch.arm();
            if (present != paths.size()) {
                throw new IllegalStateException(parent + " has " + present + " children, expected " + paths.size());
            }
            long startNs = System.nanoTime();
            int notClosed = owners.closeAll();
            long emptyNs = watch.awaitEmpty(EMPTY_LIMIT);
            if (notClosed > 0) {
                problems.add(notClosed + " session close(s) unanswered in " + parent);
            }
            if (emptyNs < 0) {
                problems.add(parent + " still had " + watch.lastCount() + " children after " + EMPTY_LIMIT.toSeconds()
                        + " s");
                return -1;
            }
            return (emptyNs - startNs) / 1000;
        }
    }
}
