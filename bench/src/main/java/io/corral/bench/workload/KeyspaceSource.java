package io.corral.bench.workload;

import io.corral.bench.driver.OpCallback;
import io.corral.bench.driver.OpSource;
import java.util.SplittableRandom;
import org.apache.zookeeper.ZooKeeper;

/**
 * Reads and writes on a fixed set of existing znodes, each request on a key drawn uniformly at random.
 * Every session has its own seeded generator, so both servers see the same key sequence.
 */
final class KeyspaceSource implements OpSource {

    enum Kind { GET, SET, EXISTS, MIXED }

    /** Mixed workload: one request in this many is a setData, the rest are getData (90/10). */
    private static final int MIXED_WRITE_ONE_IN = 10;

    private final Kind kind;
    private final String[] keys;
    private final byte[] payload;
    private final SplittableRandom[] random;

    KeyspaceSource(Kind kind, String[] keys, byte[] payload, int sessions, long seed) {
        this.kind = kind;
        this.keys = keys.clone();
        this.payload = payload;
        this.random = new SplittableRandom[sessions];
        for (int k = 0; k < sessions; k++) {
            random[k] = new SplittableRandom(seed + k);
        }
    }

    @Override
    public boolean issue(ZooKeeper zk, int session, OpCallback done) {
        SplittableRandom r = random[session];
        String key = keys[r.nextInt(keys.length)];
        switch (kind) {
            case GET:
                zk.getData(key, false, done, null);
                break;
            case SET:
                zk.setData(key, payload, -1, done, null);
                break;
            case EXISTS:
                zk.exists(key, false, done, null);
                break;
            default:
                if (r.nextInt(MIXED_WRITE_ONE_IN) == 0) {
                    zk.setData(key, payload, -1, done, null);
                } else {
                    zk.getData(key, false, done, null);
                }
        }
        return true;
    }
}
