package io.corral.server.txn;

import io.corral.protocol.Code;
import io.corral.protocol.EventType;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.CloseSessionTxn;
import io.corral.protocol.txn.CreateContainerTxn;
import io.corral.protocol.txn.CreateSessionTxn;
import io.corral.protocol.txn.CreateTTLTxn;
import io.corral.protocol.txn.CreateTxn;
import io.corral.protocol.txn.DeleteTxn;
import io.corral.protocol.txn.ErrorTxn;
import io.corral.protocol.txn.MultiTxn;
import io.corral.protocol.txn.SetACLTxn;
import io.corral.protocol.txn.SetDataTxn;
import io.corral.protocol.txn.Txn;
import io.corral.protocol.txn.TxnHeader;
import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import io.corral.server.tree.NodeKind;
import io.corral.server.tree.PathUtil;
import io.corral.server.watch.WatchTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine: applies one transaction to the tree, fires the watches it reaches and tells the session
 * table about session transactions. Deterministic: the same transactions in the same order give the same tree
 * on every server and on every replay.
 */
public final class TxnApplier {
    private final DataTree tree;
    private final WatchTable watches;
    private final SessionHook sessions;
    private long lastZxid;

    public TxnApplier(DataTree tree, WatchTable watches, SessionHook sessions) {
        this.tree = tree;
        this.watches = watches;
        this.sessions = sessions;
    }

    public long lastZxid() {
        return lastZxid;
    }

    public Applied apply(TxnRecord txn) {
        TxnHeader h = txn.header();
        Applied result = applyBody(h, h.type(), txn.body());
        if (h.zxid() > lastZxid) {
            lastZxid = h.zxid();
        }
        return result;
    }

    private Applied applyBody(TxnHeader h, int type, Record body) {
        return applyTyped(h, type, body).typed(type);
    }

    private Applied applyTyped(TxnHeader h, int type, Record body) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2 -> {
                CreateTxn t = (CreateTxn) body;
                yield create(h, t.path(), t.data(), t.acl(), t.ephemeral() ? h.clientId() : 0, t.parentCVersion());
            }
            case OpCode.CREATE_CONTAINER -> {
                CreateContainerTxn t = (CreateContainerTxn) body;
                yield create(h, t.path(), t.data(), t.acl(), NodeKind.CONTAINER_MARKER, t.parentCVersion());
            }
            case OpCode.CREATE_TTL -> {
                CreateTTLTxn t = (CreateTTLTxn) body;
                yield create(h, t.path(), t.data(), t.acl(), NodeKind.ttlOwner(t.ttl()), t.parentCVersion());
            }
            case OpCode.DELETE, OpCode.DELETE_CONTAINER -> delete(h.zxid(), ((DeleteTxn) body).path());
            case OpCode.SET_DATA -> {
                SetDataTxn t = (SetDataTxn) body;
                yield withStat(t.path(), tree.setData(t.path(), t.data(), t.version(), h.zxid(), h.time()),
                        EventType.NODE_DATA_CHANGED, h.zxid());
            }
            case OpCode.SET_ACL -> {
                SetACLTxn t = (SetACLTxn) body;
                yield withStat(t.path(), tree.setAcl(t.path(), t.acl(), t.version()), 0, h.zxid());
            }
            case OpCode.CHECK -> Applied.ok(null, null);
            case OpCode.ERROR -> Applied.error(((ErrorTxn) body).err());
            case OpCode.CREATE_SESSION -> {
                sessions.sessionCreated(h.clientId(), ((CreateSessionTxn) body).timeOut());
                yield Applied.ok(null, null);
            }
            case OpCode.CLOSE_SESSION -> closeSession(h, (CloseSessionTxn) body);
            case OpCode.MULTI -> multi(h, (MultiTxn) body);
            default -> throw new IllegalStateException("cannot apply transaction type " + type);
        };
    }

    private Applied create(TxnHeader h, String path, byte[] data, List<io.corral.protocol.data.ACL> acl,
                           long owner, int parentCVersion) {
        int rc = tree.create(path, data, acl, owner, parentCVersion, h.zxid(), h.time());
        if (rc != Code.OK) {
            return Applied.error(rc);
        }
        DataNode node = tree.get(path);
        String parent = PathUtil.parent(path);
        watches.trigger(path, EventType.NODE_CREATED, h.zxid(), node.acl());
        watches.trigger(parent, EventType.NODE_CHILDREN_CHANGED, h.zxid(), tree.get(parent).acl());
        return Applied.ok(path, tree.statOf(node));
    }

    private Applied delete(long zxid, String path) {
        DataNode node = tree.get(path);
        int rc = tree.delete(path, zxid);
        if (rc != Code.OK) {
            return Applied.error(rc);
        }
        String parentPath = PathUtil.parent(path);
        DataNode parent = tree.get(parentPath);
        watches.trigger(path, EventType.NODE_DELETED, zxid, node.acl());
        if (parent != null) {
            watches.trigger(parentPath, EventType.NODE_CHILDREN_CHANGED, zxid, parent.acl());
        }
        return Applied.ok(path, null);
    }

    private Applied withStat(String path, int rc, int eventType, long zxid) {
        if (rc != Code.OK) {
            return Applied.error(rc);
        }
        DataNode node = tree.get(path);
        if (eventType != 0) {
            watches.trigger(path, eventType, zxid, node.acl());
        }
        return Applied.ok(path, tree.statOf(node));
    }

    private Applied closeSession(TxnHeader h, CloseSessionTxn body) {
        // The tree's own index is authoritative: it also holds ephemerals created after the close was prepared.
        List<String> owned = new ArrayList<>(tree.ephemeralsOf(h.clientId()));
        if (body != null && body.paths2Delete() != null) {
            for (String p : body.paths2Delete()) {
                if (!owned.contains(p)) {
                    DataNode n = tree.get(p);
                    if (n != null && n.ephemeralOwner() == h.clientId()) {
                        owned.add(p);
                    } else if (n == null) {
                        tree.delete(p, h.zxid()); // gone already (a fuzzy snapshot): only the parent's pzxid moves
                    }
                }
            }
        }
        owned.sort(null);
        // Deepest first is not needed (ephemerals have no children), but a stable order keeps replicas identical.
        for (String p : owned) {
            delete(h.zxid(), p);
        }
        sessions.sessionClosed(h.clientId());
        return Applied.ok(null, null);
    }

    private Applied multi(TxnHeader h, MultiTxn multi) {
        List<Txn> txns = multi.txns();
        boolean failed = false;
        for (Txn t : txns) {
            if (t.type() == OpCode.ERROR) {
                failed = true;
                break;
            }
        }
        List<Applied> results = new ArrayList<>(txns.size());
        boolean pastFailure = false;
        for (Txn t : txns) {
            Record body = TxnCodec.decodeBody(t.type(), new JuteInput(t.data()));
            if (failed) {
                // A multi with one failed op changes nothing; ops before the failure report 0, the failing op its
                // code, the ops after it RUNTIMEINCONSISTENCY whatever a foreign log wrote for them.
                int err;
                if (t.type() == OpCode.ERROR && !pastFailure) {
                    err = ((ErrorTxn) body).err();
                    pastFailure = err != Code.OK;
                } else {
                    err = pastFailure ? Code.RUNTIMEINCONSISTENCY : Code.OK;
                }
                results.add(Applied.error(err).typed(t.type()));
            } else {
                results.add(applyBody(h, t.type(), body));
            }
        }
        return new Applied(OpCode.MULTI, failed ? firstError(results) : Code.OK, null, null, results);
    }

    private static int firstError(List<Applied> results) {
        for (Applied a : results) {
            if (a.err() != Code.OK) {
                return a.err();
            }
        }
        return Code.OK;
    }
}
