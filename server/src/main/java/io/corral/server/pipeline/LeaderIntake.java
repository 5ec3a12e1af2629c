package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.CreateSessionTxn;
import io.corral.server.net.RequestDecoder;
import io.corral.server.session.Session;
import io.corral.server.session.SessionTable;
import io.corral.server.pipeline.op.WriteOps;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of {@link Forwarding}: a request a learner forwarded, prepared as if it came from a
 * connection of the leader's own. Whatever the outcome it becomes a transaction (an error transaction when the
 * request fails), since the learner answers its client from the commit. Pipeline thread only.
 */
final class LeaderIntake {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderIntake.class);

    private LeaderIntake() {
    }

    /** The transaction for a forwarded request, or null for one that is not the leader's (not a write). */
    static PreparedTxn prepare(Preparer preparer, SessionTable sessions, WriteOps writes, long sessionId, int cxid,
                               int type, byte[] body, List<AuthId> authIds) {
        Session s = sessions.get(sessionId);
        try {
            if (type == OpCode.CREATE_SESSION) {
                return preparer.session(OpCode.CREATE_SESSION, CreateSessionTxn.read(new JuteInput(body)), sessionId,
                        null);
            }
            if (s == null || s.closing()) {
                return preparer.error(Code.SESSIONEXPIRED, sessionId, cxid, null);
            }
            if (type == OpCode.CLOSE_SESSION) {
                s.markClosing();
                return preparer.closeSession(sessionId, cxid, null);
            }
            if (writes.get(type) == null) {
                LOG.warn("A learner forwarded opcode {}, which is not a write; ignored", type);
                return null;
            }
            Record request = RequestDecoder.decode(type, new JuteInput(body));
            return preparer.prepare(writes.get(type), type, request, sessionId, cxid, authIds, null);
        } catch (KeeperCode e) {
            return preparer.error(e.code(), sessionId, cxid, null);
        } catch (RuntimeException e) {
            LOG.warn("A learner forwarded a malformed request (session 0x{}, opcode {}): {}",
                    Long.toHexString(sessionId), type, e.getMessage());
            return preparer.error(Code.MARSHALLINGERROR, sessionId, cxid, null);
        }
    }
}
