package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import java.util.List;

/**
 * The pipeline's way out to the ensemble, in place of the local log stage: a leader proposes what it prepared,
 * a learner forwards what it cannot prepare and reports its sessions' liveness. Calls only queue work; any
 * thread. The answers come back through {@link Replica}.
 */
public interface Replicator {
    /** Leader: replicate the transaction the pipeline stamped with {@code zxid}. */
    void propose(long zxid, byte[] txn);

    /** Learner: hand a client request to the leader, with the ids its session authenticated as. */
    void forward(long sessionId, int cxid, int type, byte[] request, List<AuthId> auth);

    /** Learner: these sessions' clients were heard from since the last call. */
    void touch(long[] sessionIds);
}
