package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;

/**
 * Deletes of existing leaf znodes: those the create workload left, topped up (untimed) to at least delete-min so
 * that the source does not run dry during warm-up. The window ends early if every node is gone.
 */
public final class DeleteWorkload implements Workload {

    @Override
    public Result run(Settings s) throws Exception {
        int sessions = s.integer("sessions");
        try (SessionPool pool = SessionPool.open(s.text("connect"), sessions)) {
            List<String> paths = leaves(pool.get(0));
            int found = paths.size();
            long missing = s.number("delete-min") - found;
            if (missing > 0) {
                paths.addAll(topUp(pool, missing, s));
            }
            PathListSource source = new PathListSource(PathListSource.Action.DELETE,
                    PathListSource.deal(paths, sessions), null, false);
            ClosedLoop loop = new ClosedLoop(pool.sessions(), s.integer("outstanding"), source)
                    .limitOps(s.number("ops"));
            ClosedLoop.Outcome outcome = loop.run(s.seconds("warmup-s"), s.seconds("duration-s"), s.seconds("drain-s"));
            return Shapes.closedLoop(s, outcome)
                    .put("znodes_left_by_create", found)
                    .put("znodes_available", paths.size());
        }
    }

    /** Every grandchild of the create workload's root: its per-session parents hold the created nodes. */
    private static List<String> leaves(ZooKeeper zk) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String parent : Tree.children(zk, CreateWorkload.ROOT)) {
            String parentPath = CreateWorkload.ROOT + "/" + parent;
            for (String child : Tree.children(zk, parentPath)) {
                paths.add(parentPath + "/" + child);
            }
        }
        return paths;
    }

    private static List<String> topUp(SessionPool pool, long count, Settings s) throws Exception {
        String parent = CreateWorkload.ROOT + "/topup-" + Long.toString(System.currentTimeMillis(), 36);
        Tree.ensure(pool.get(0), parent);
        List<String> paths = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            paths.add(parent + "/n" + i);
        }
        Populate.create(pool, paths, Tree.payload(s.integer("data-bytes")), false, s);
        return paths;
    }
}
