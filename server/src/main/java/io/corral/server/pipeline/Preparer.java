package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.CloseSessionTxn;
import io.corral.protocol.txn.ErrorTxn;
import io.corral.protocol.txn.TxnHeader;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.auth.InvalidAclException;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataTree;
import io.corral.server.txn.TxnCodec;
import io.corral.server.txn.TxnRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare stage: validates a write against the tree as pending transactions will leave it, assigns the
 * next zxid and encodes the transaction. Runs on the pipeline thread only.
 *
 * <p>Zxids are assigned here, in the order requests are prepared, which is the order the log stage receives
 * them: the log and the apply stage see zxids strictly increasing.
 */
final class Preparer implements PrepareContext {
    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);
    private final DataTree tree;
    private final PendingChanges pending;
    private final AuthRegistry auth;
    private final Clock clock;
    private long lastZxid;

    // The request being prepared; valid only inside prepare().
    private PendingChanges.Layer layer;
    private List<AuthId> ids;
    private long sessionId;

    Preparer(DataTree tree, PendingChanges pending, AuthRegistry auth, Clock clock, long lastZxid) {
        this.tree = tree;
        this.pending = pending;
        this.auth = auth;
        this.clock = clock;
        this.lastZxid = lastZxid;
    }

    long lastZxid() {
        return lastZxid;
    }

    /** Prepares one op; on failure nothing is assigned and the caller decides whether to log an error txn. */
    PreparedTxn prepare(WriteOp op, int opcode, Record body, long session, int cxid, List<AuthId> authIds,
                        Request request) throws KeeperCode {
        layer = pending.layer();
        ids = authIds;
        sessionId = session;
        try {
            TxnBody txn = op.prepare(opcode, body, this);
            long zxid = ++lastZxid;
            layer.commit(zxid);
            return encode(new TxnHeader(session, cxid, zxid, clock.wallMs(), txn.type()), txn.record(), request);
        } finally {
            layer = null;
            ids = null;
        }
    }

    /** A failed write still takes a zxid and is logged, as ZooKeeper does. */
    PreparedTxn error(int code, long session, int cxid, Request request) {
        long zxid = ++lastZxid;
        return encode(new TxnHeader(session, cxid, zxid, clock.wallMs(), OpCode.ERROR), new ErrorTxn(code), request);
    }

    PreparedTxn session(int type, Record body, long session, Request request) {
        long zxid = ++lastZxid;
        return encode(new TxnHeader(session, 0, zxid, clock.wallMs(), type), body, request);
    }

    /**
     * closeSession lists the ephemerals it removes: those in the tree and those that pending creates will add,
     * less those pending deletes will remove.
     */
    PreparedTxn closeSession(long session, int cxid, Request request) {
        TreeSet<String> paths = new TreeSet<>(tree.ephemeralsOf(session));
        for (String p : pending.pendingPaths()) {
            NodeState s = pending.lookup(p);
            if (s == null) {
                paths.remove(p);
            } else if (s.ephemeralOwner() == session) {
                paths.add(p);
            }
        }
        long zxid = ++lastZxid;
        TxnHeader h = new TxnHeader(session, cxid, zxid, clock.wallMs(), OpCode.CLOSE_SESSION);
        return encode(h, new CloseSessionTxn(new ArrayList<>(paths)), request);
    }

    private static PreparedTxn encode(TxnHeader h, Record body, Request request) {
        return new PreparedTxn(new TxnRecord(h, body), TxnCodec.encode(h, body), request);
    }

    @Override
    public NodeState node(String path) {
        return layer.lookup(path);
    }

    @Override
    public void put(String path, NodeState state) {
        layer.put(path, state);
    }

    @Override
    public void delete(String path) {
        layer.delete(path);
    }

    @Override
    public void checkPermission(List<ACL> acl, int perm) throws KeeperCode {
        if (!auth.allows(acl, perm, ids)) {
            throw new KeeperCode(Code.NOAUTH);
        }
    }

    @Override
    public List<ACL> fixupAcl(List<ACL> acl) throws KeeperCode {
        try {
            return auth.fixup(acl, ids);
        } catch (InvalidAclException e) {
            LOG.info("INVALIDACL for session 0x{}: {}", Long.toHexString(sessionId), e.getMessage());
            throw new KeeperCode(Code.INVALIDACL);
        }
    }

    @Override
    public void discardChanges() {
        layer.clear();
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public boolean extendedTypesEnabled() {
        return tree.extendedTypes();
    }
}
