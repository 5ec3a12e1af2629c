package io.corral.bench.workload;

import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.OpSource;
import io.corral.bench.driver.SessionPool;
import java.util.List;

/** Untimed bulk creation for a workload's setup, pipelined like the measured runs so that setup stays short. */
final class Populate {

    private Populate() {
    }

    /** Creates {@code paths} (existing ones are fine) spread over the pool's sessions; throws if any failed. */
    static ClosedLoop.Outcome create(SessionPool pool, List<String> paths, byte[] payload, boolean ephemeral,
            Settings settings) throws InterruptedException {
        PathListSource.Action action = ephemeral
                ? PathListSource.Action.CREATE_EPHEMERAL : PathListSource.Action.CREATE_PERSISTENT;
        OpSource source = new PathListSource(action, PathListSource.deal(paths, pool.size()), payload, true);
        return run(pool, source, paths.size(), settings);
    }

    /** Runs {@code source} to exhaustion; throws if it failed, ran out of time, or fell short of {@code expected}. */
    static ClosedLoop.Outcome run(SessionPool pool, OpSource source, long expected, Settings settings)
            throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(pool.sessions(), settings.integer("outstanding"), source);
        ClosedLoop.Outcome outcome = loop.runToCompletion(settings.seconds("setup-s"), settings.seconds("drain-s"));
        long done = outcome.stats().ops() - outcome.stats().errors();
        if (outcome.failure() != null || outcome.unfinished() > 0 || done < expected) {
            throw new IllegalStateException("setup: " + done + " of " + expected + " creates succeeded"
                    + (outcome.stats().errors() > 0 ? ", first error code " + outcome.stats().firstErrorCode() : "")
                    + (outcome.unfinished() > 0 ? ", " + outcome.unfinished() + " unanswered" : "")
                    + (outcome.failure() != null ? ", " + outcome.failure() : ""));
        }
        return outcome;
    }
}
