package io.corral.bench.workload;

import io.corral.bench.driver.OpCallback;
import io.corral.bench.driver.OpSource;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Endless persistent creates: session k creates {@code parents[k]/n0, n1, ...}, so sessions never contend for a
 * parent's child list and the names are known without asking the server.
 */
final class CreateSource implements OpSource {

    private final String[] parents;
    private final long[] next;
    private final byte[] payload;

    CreateSource(String[] parents, byte[] payload) {
        this.parents = parents.clone();
        this.next = new long[parents.length];
        this.payload = payload;
    }

    @Override
    public boolean issue(ZooKeeper zk, int session, OpCallback done) {
        String path = parents[session] + "/n" + next[session]++;
        zk.create(path, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, done, null);
        return true;
    }
}
