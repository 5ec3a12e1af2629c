package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.util.List;

/**
 * Memory per znode: heap after a full GC before and after creating {@code znodes} persistent znodes of data-bytes
 * each, and the server's resident set. The creation rate is reported too (as ops_per_s), but as setup, not as a
 * tuned measurement: it has no warm-up.
 */
public final class MemoryFootprint implements Workload {

    static final String ROOT = Tree.ROOT + "/mem";
    /** Children per parent: small enough that no getChildren reply gets large, as in a realistic tree. */
    private static final int FANOUT = 1000;
    private static final double KB_PER_MB = 1024.0;

    @Override
    public Result run(Settings s) throws Exception {
        JvmProbe probe = new JvmProbe(s.number("server-pid"));
        long znodes = s.number("znodes");
        long[] before = probe.heapAfterFullGcKb();
        ClosedLoop.Outcome populate;
        try (SessionPool pool = SessionPool.open(s.text("connect"), s.integer("sessions"))) {
            Tree.ensure(pool.get(0), ROOT);
            List<String> parents = CountedCreateSource.parents(ROOT, znodes, FANOUT);
            Populate.create(pool, parents, new byte[0], false, s);
            CountedCreateSource source = new CountedCreateSource(ROOT, znodes, FANOUT,
                    Tree.payload(s.integer("data-bytes")));
            populate = Populate.run(pool, source, znodes, s);
        }
        long[] after = probe.heapAfterFullGcKb();
        return Result.of(s).latency(populate.stats(), populate.seconds())
                .put("znodes", znodes)
                .put("data_bytes", s.integer("data-bytes"))
                .put("heap_base_mb", before[0] / KB_PER_MB)
                .put("heap_mb", after[0] / KB_PER_MB)
                .put("heap_committed_mb", after[1] / KB_PER_MB)
                .put("heap_per_znode_b", (after[0] - before[0]) * 1024.0 / znodes)
                .put("rss_mb", probe.statusKb("VmRSS") / KB_PER_MB)
                .put("rss_peak_mb", probe.statusKb("VmHWM") / KB_PER_MB);
    }
}
