package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.LatencyStats;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.time.Duration;

/**
 * Watch fan-out: W sessions watch one node; rounds of (arm all, one setData, wait for all W events) repeat for
 * the window. Latency is from the setData's acknowledgement to each watcher's event (the keys without prefix) and
 * from the setData's sending ({@code send_*}); throughput is events delivered per second.
 */
public final class WatchFanOut implements Workload {

    static final String NODE = Tree.ROOT + "/watch/node";
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(10);

    @Override
    public Result run(Settings s) throws Exception {
        int watchers = s.integer("watchers");
        byte[] payload = Tree.payload(s.integer("data-bytes"));
        try (SessionPool writerPool = SessionPool.open(s.text("connect"), 1);
             SessionPool watcherPool = SessionPool.open(s.text("connect"), watchers)) {
            Tree.ensure(writerPool.get(0), NODE);
            LatencyStats fromAck = new LatencyStats();
            LatencyStats fromSend = new LatencyStats();
            long startNs = System.nanoTime();
            long measureFromNs = startNs + s.seconds("warmup-s").toNanos();
            long endNs = measureFromNs + s.seconds("duration-s").toNanos();
            long rounds = 0;
            long early = 0;
            int failedRounds = 0;
            long measuredFromNs = 0;
            while (System.nanoTime() - endNs < 0 && failedRounds < 3) {
                boolean measured = System.nanoTime() - measureFromNs >= 0;
                if (measured && measuredFromNs == 0) {
                    measuredFromNs = System.nanoTime();
                }
                WatchRound round = new WatchRound(NODE, watchers);
                boolean complete = round.arm(watcherPool.sessions(), ROUND_LIMIT)
                        && round.fire(writerPool.get(0), payload, ROUND_LIMIT);
                failedRounds += complete ? 0 : 1;
                if (measured) {
                    early += round.record(fromAck, fromSend);
                    rounds++;
                }
            }
            double seconds = measuredFromNs == 0 ? 0 : (System.nanoTime() - measuredFromNs) / 1e9;
            Result result = Result.of(s).latency(fromAck, seconds).percentiles("send_", fromSend)
                    .put("watchers", watchers).put("rounds", rounds).put("events_before_ack", early)
                    .put("events_before_ack_pct", fromAck.samples() == 0 ? -1.0 : 100.0 * early / fromAck.samples());
            if (failedRounds > 0) {
                result.worsen("timeout").note(failedRounds + " round(s) did not complete within "
                        + ROUND_LIMIT.toSeconds() + " s" + (failedRounds >= 3 ? "; stopped after 3" : ""));
            }
            return result;
        }
    }
}
