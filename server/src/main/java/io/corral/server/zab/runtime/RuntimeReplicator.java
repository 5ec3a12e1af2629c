package io.corral.server.zab.runtime;

import io.corral.api.auth.AuthId;
import io.corral.server.pipeline.Replicator;
import io.corral.server.zab.ZabMessage;
import java.util.List;

/** The pipeline's {@link Replicator}, carried out by the ZAB runtime (bound once both exist). */
public final class RuntimeReplicator implements Replicator {
    private volatile ZabRuntime runtime;

    public void bind(ZabRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void propose(long zxid, byte[] txn) {
        runtime.propose(zxid, txn);
    }

    @Override
    public void forward(long sessionId, int cxid, int type, byte[] request, List<AuthId> auth) {
        runtime.sendToLeader(new ZabMessage.Forward(sessionId, cxid, type, request, auth));
    }

    @Override
    public void touch(long[] sessionIds) {
        runtime.sendToLeader(new ZabMessage.Touch(sessionIds));
    }
}
