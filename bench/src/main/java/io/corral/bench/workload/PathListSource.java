package io.corral.bench.workload;

import io.corral.bench.driver.OpCallback;
import io.corral.bench.driver.OpSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** One fixed list of paths per session to create or delete, then dry. */
final class PathListSource implements OpSource {

    enum Action { CREATE_PERSISTENT, CREATE_EPHEMERAL, DELETE }

    private final Action action;
    private final List<List<String>> perSession;
    private final int[] next;
    private final byte[] payload;
    private final boolean tolerateExisting;

    /**
     * @param tolerateExisting count NODEEXISTS as success, for idempotent setup that may find an earlier
     *                         workload's nodes in place
     */
    PathListSource(Action action, List<List<String>> perSession, byte[] payload, boolean tolerateExisting) {
        this.action = action;
        this.perSession = perSession;
        this.next = new int[perSession.size()];
        this.payload = payload;
        this.tolerateExisting = tolerateExisting;
    }

    /** Deals {@code paths} round-robin into {@code sessions} lists. */
    static List<List<String>> deal(List<String> paths, int sessions) {
        List<List<String>> lists = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < paths.size(); i++) {
            lists.get(i % sessions).add(paths.get(i));
        }
        return lists;
    }

    @Override
    public boolean issue(ZooKeeper zk, int session, OpCallback done) {
        List<String> paths = perSession.get(session);
        if (next[session] >= paths.size()) {
            return false;
        }
        String path = paths.get(next[session]++);
        switch (action) {
            case CREATE_PERSISTENT:
                zk.create(path, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, done, null);
                break;
            case CREATE_EPHEMERAL:
                zk.create(path, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, done, null);
                break;
            default:
                zk.delete(path, -1, done, null);
        }
        return true;
    }

    @Override
    public boolean isSuccess(int code) {
        return code == KeeperException.Code.OK.intValue()
                || (tolerateExisting && code == KeeperException.Code.NODEEXISTS.intValue());
    }
}
