package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;

/**
 * Persistent creates of data-bytes znodes for the measured window. The nodes stay: the delete workload, run next
 * on the same server, removes them.
 */
public final class CreateWorkload implements Workload {

    static final String ROOT = Tree.ROOT + "/create";

    @Override
    public Result run(Settings s) throws Exception {
        int sessions = s.integer("sessions");
        try (SessionPool pool = SessionPool.open(s.text("connect"), sessions)) {
            // A fresh name per run so that a second create run on the same server cannot collide with the first.
            String run = Long.toString(System.currentTimeMillis(), 36);
            String[] parents = new String[sessions];
            for (int k = 0; k < sessions; k++) {
                parents[k] = ROOT + "/" + run + "-s" + k;
                Tree.ensure(pool.get(0), parents[k]);
            }
            CreateSource source = new CreateSource(parents, Tree.payload(s.integer("data-bytes")));
            ClosedLoop loop = new ClosedLoop(pool.sessions(), s.integer("outstanding"), source)
                    .limitOps(s.number("ops"));
            ClosedLoop.Outcome outcome = loop.run(s.seconds("warmup-s"), s.seconds("duration-s"), s.seconds("drain-s"));
            return Shapes.closedLoop(s, outcome);
        }
    }
}
