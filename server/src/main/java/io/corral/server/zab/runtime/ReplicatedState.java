package io.corral.server.zab.runtime;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabRole;
import java.io.IOException;
import java.util.List;

/**
 * What the ZAB runtime drives: the server's tree and sessions (in production, the request pipeline). Every
 * method is called on the runtime thread, in the order of the events behind it; an implementation that hands
 * work to another thread must keep that order.
 */
public interface ReplicatedState {
    /** Applies committed transactions, in zxid order. */
    void apply(List<LogEntry> committed);

    /**
     * The state after every commit handed to {@link #apply} so far, serialized for a learner that needs a
     * snapshot; {@code zxid} is the last of those commits. Blocks until it is made.
     */
    byte[] snapshot(long zxid) throws IOException;

    /**
     * Replaces the state with a leader's snapshot at {@code zxid}, durably (the log after {@code zxid} is already
     * gone). Blocks until done.
     */
    void loadSnapshot(long zxid, byte[] snapshot) throws IOException;

    /**
     * The log was truncated after {@code zxid}: forget snapshots newer than that and rebuild the state from the
     * newest remaining snapshot and the log as it now is. Blocks until done.
     */
    void reload(long zxid) throws IOException;

    /**
     * The peer's role changed; {@code serving} says whether it may answer clients now, {@code epoch} is its
     * current epoch (a serving leader's proposals take zxids {@code epoch << 32 | n}).
     */
    void roleChanged(ZabRole role, long leaderId, boolean serving, long epoch);

    /** Leader: a learner forwarded a client request. */
    default void forwarded(long learnerId, ZabMessage.Forward request) {
    }

    /** Learner: the leader answered a forwarded sync; every commit before it has been handed to apply. */
    default void syncDone(long sessionId, int cxid) {
    }

    /** Leader: a learner heard from the clients of these sessions. */
    default void touched(long[] sessionIds) {
    }

    /** The log rolled to a new file because enough was logged since the last snapshot: take one. */
    default void snapshotDue() {
    }
}
