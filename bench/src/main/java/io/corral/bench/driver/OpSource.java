package io.corral.bench.driver;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * What a {@link ClosedLoop} issues: one asynchronous request per call, on behalf of one session.
 *
 * <p>{@link #issue} is called only from the driver thread of {@code session}, so a source may keep per-session
 * state in plain arrays indexed by session without locking.
 */
public interface OpSource {

    /**
     * Sends one request on {@code zk} with {@code done} as its callback, or returns false without sending anything
     * when this session has no work left.
     */
    boolean issue(ZooKeeper zk, int session, OpCallback done);

    /** Whether a result code counts as success; setup sources also accept NODEEXISTS so that they are idempotent. */
    default boolean isSuccess(int code) {
        return code == KeeperException.Code.OK.intValue();
    }
}
