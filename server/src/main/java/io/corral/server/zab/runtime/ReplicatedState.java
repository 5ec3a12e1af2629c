package io.corral.server.zab.runtime;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.ZabRole;
import java.io.IOException;
import java.util.List;

/**
 * What the ZAB runtime drives: the server's tree and sessions (in production, the request pipeline). Every
 * method is called on the runtime thread.
 */
public interface ReplicatedState {
    /** Applies committed transactions, in zxid order. */
    void apply(List<LogEntry> committed);

    /** The state at {@code zxid} (the last applied), serialized for a learner that needs a snapshot. */
    byte[] snapshot(long zxid) throws IOException;

    /** Replaces the state with a leader's snapshot at {@code zxid}. */
    void loadSnapshot(long zxid, byte[] snapshot) throws IOException;

    /** The log was truncated: rebuild the state from the newest snapshot and the log as it now is. */
    void reload() throws IOException;

    /** The peer's role changed; {@code serving} says whether it may answer clients now. */
    void roleChanged(ZabRole role, long leaderId, boolean serving);
}
