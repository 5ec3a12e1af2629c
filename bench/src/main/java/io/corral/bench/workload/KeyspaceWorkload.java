package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.util.ArrayList;
import java.util.List;

/** getData, setData, exists or the 90/10 get/set mix over {@code keyspace} existing znodes of data-bytes each. */
public final class KeyspaceWorkload implements Workload {

    static final String ROOT = Tree.ROOT + "/rw";

    private final KeyspaceSource.Kind kind;

    private KeyspaceWorkload(KeyspaceSource.Kind kind) {
        this.kind = kind;
    }

    public static KeyspaceWorkload get() {
        return new KeyspaceWorkload(KeyspaceSource.Kind.GET);
    }

    public static KeyspaceWorkload set() {
        return new KeyspaceWorkload(KeyspaceSource.Kind.SET);
    }

    public static KeyspaceWorkload exists() {
        return new KeyspaceWorkload(KeyspaceSource.Kind.EXISTS);
    }

    public static KeyspaceWorkload mixed() {
        return new KeyspaceWorkload(KeyspaceSource.Kind.MIXED);
    }

    @Override
    public Result run(Settings s) throws Exception {
        int sessions = s.integer("sessions");
        byte[] payload = Tree.payload(s.integer("data-bytes"));
        try (SessionPool pool = SessionPool.open(s.text("connect"), sessions)) {
            List<String> keys = new ArrayList<>();
            for (int j = 0; j < s.integer("keyspace"); j++) {
                keys.add(ROOT + "/n" + j);
            }
            // The first of these workloads on a server creates the keys; the later ones find them in place.
            Tree.ensure(pool.get(0), ROOT);
            Populate.create(pool, keys, payload, false, s);
            KeyspaceSource source = new KeyspaceSource(kind, keys.toArray(new String[0]), payload, sessions,
                    s.number("seed"));
            ClosedLoop loop = new ClosedLoop(pool.sessions(), s.integer("outstanding"), source)
                    .limitOps(s.number("ops"));
            ClosedLoop.Outcome outcome = loop.run(s.seconds("warmup-s"), s.seconds("duration-s"), s.seconds("drain-s"));
            return Shapes.closedLoop(s, outcome).put("keyspace", keys.size());
        }
    }
}
