package io.corral.bench.workload;

import io.corral.bench.driver.OpCallback;
import io.corral.bench.driver.OpSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Exactly {@code total} persistent creates shared by all sessions, {@code fanout} children per parent
 * ({@code root/p<i / fanout>/n<i % fanout>}); the parents must exist already (see {@link #parents}).
 */
final class CountedCreateSource implements OpSource {

    private final String root;
    private final long total;
    private final int fanout;
    private final byte[] payload;
    private final AtomicLong next = new AtomicLong();

    CountedCreateSource(String root, long total, int fanout, byte[] payload) {
        this.root = root;
        this.total = total;
        this.fanout = fanout;
        this.payload = payload;
    }

    /** The parent paths {@link #issue} creates children under. */
    static List<String> parents(String root, long total, int fanout) {
        List<String> parents = new ArrayList<>();
        for (long p = 0; p * fanout < total; p++) {
            parents.add(root + "/p" + p);
        }
        return parents;
    }

    @Override
    public boolean issue(ZooKeeper zk, int session, OpCallback done) {
        long i = next.getAndIncrement();
        if (i >= total) {
            return false;
        }
        String path = root + "/p" + (i / fanout) + "/n" + (i % fanout);
        zk.create(path, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, done, null);
        return true;
    }
}
