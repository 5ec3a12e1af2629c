package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateResponse;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.txn.CreateContainerTxn;
import io.corral.protocol.txn.CreateTTLTxn;
import io.corral.protocol.txn.CreateTxn;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.NodeState;
import io.corral.server.pipeline.PrepareContext;
import io.corral.server.pipeline.TxnBody;
import io.corral.server.pipeline.WriteOp;
import io.corral.server.tree.NodeKind;
import io.corral.server.tree.PathUtil;
import io.corral.server.txn.Applied;
import java.util.List;

/** create, create2, createContainer and createTTL, checked in ZooKeeper's order so the first failure matches. */
public final class CreateOp implements WriteOp {

    @Override
    public TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode {
        String path;
        byte[] data;
        List<ACL> acl;
        int flags;
        long ttl = -1;
        if (request instanceof CreateTTLRequest r) {
            path = r.path();
            data = r.data();
            acl = r.acl();
            flags = r.flags();
            ttl = r.ttl();
        } else {
            CreateRequest r = (CreateRequest) request;
            path = r.path();
            data = r.data();
            acl = r.acl();
            flags = r.flags();
        }
        checkMode(opcode, flags, ttl, ctx.extendedTypesEnabled());
        Paths.validateBasic(path);
        List<ACL> fixedAcl = ctx.fixupAcl(acl);
        String parentPath = PathUtil.parent(path);
        NodeState parent = ctx.node(parentPath);
        if (parent == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(parent.acl(), Perms.CREATE);
        if (CreateFlags.isSequential(flags)) {
            path = path + sequenceSuffix(parent.cversion());
        }
        Paths.validate(path);
        if (ctx.node(path) != null) {
            throw new KeeperCode(Code.NODEEXISTS);
        }
        if (NodeKind.sessionOf(parent.ephemeralOwner(), ctx.extendedTypesEnabled()) != 0) {
            throw new KeeperCode(Code.NOCHILDRENFOREPHEMERALS);
        }
        long owner = ownerOf(flags, ttl, ctx.sessionId());
        int newParentCversion = parent.cversion() + 1;
        ctx.put(parentPath, parent.withChildAdded());
        ctx.put(path, new NodeState(0, 0, 0, owner, 0, fixedAcl));
        return switch (opcode) {
            case OpCode.CREATE_CONTAINER -> new TxnBody(opcode, new CreateContainerTxn(path, data, fixedAcl, newParentCversion));
            case OpCode.CREATE_TTL -> new TxnBody(opcode, new CreateTTLTxn(path, data, fixedAcl, newParentCversion, ttl));
            default -> new TxnBody(opcode, new CreateTxn(path, data, fixedAcl, CreateFlags.isEphemeral(flags), newParentCversion));
        };
    }

    private static void checkMode(int opcode, int flags, long ttl, boolean extendedTypes) throws KeeperCode {
        if (!CreateFlags.isValid(flags)) {
            throw new KeeperCode(Code.BADARGUMENTS);
        }
        switch (opcode) {
            case OpCode.CREATE_TTL -> {
                if (!extendedTypes) {
                    throw new KeeperCode(Code.UNIMPLEMENTED);
                }
                if (!CreateFlags.isTtl(flags) || ttl <= 0 || ttl > NodeKind.MAX_TTL_MS) {
                    throw new KeeperCode(Code.BADARGUMENTS);
                }
            }
            case OpCode.CREATE_CONTAINER -> {
                if (!CreateFlags.isContainer(flags)) {
                    throw new KeeperCode(Code.BADARGUMENTS);
                }
            }
            default -> {
                if (CreateFlags.isTtl(flags) || CreateFlags.isContainer(flags)) {
                    throw new KeeperCode(Code.BADARGUMENTS);
                }
            }
        }
    }

    private static long ownerOf(int flags, long ttl, long sessionId) {
        if (CreateFlags.isContainer(flags)) {
            return NodeKind.CONTAINER_MARKER;
        }
        if (CreateFlags.isTtl(flags)) {
            return NodeKind.ttlOwner(ttl);
        }
        return CreateFlags.isEphemeral(flags) ? sessionId : 0;
    }

    /** The parent's stored cversion as a signed decimal padded to ten characters, like %010d. */
    static String sequenceSuffix(int counter) {
        if (counter < 0) {
            String abs = Long.toString(-(long) counter);
            return "-" + "0".repeat(Math.max(0, 9 - abs.length())) + abs;
        }
        String digits = Integer.toString(counter);
        return "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    @Override
    public Record reply(int opcode, Applied applied) {
        if (opcode == OpCode.CREATE) {
            return new CreateResponse(applied.path());
        }
        return new Create2Response(applied.path(), applied.stat());
    }
}
