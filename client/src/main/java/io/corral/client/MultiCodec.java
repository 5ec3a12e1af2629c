package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.CheckVersionRequest;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateResponse;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetDataResponse;
import java.util.ArrayList;
import java.util.List;

/** Turns the caller's {@link Op}s into a MultiRequest of server paths, and the MultiResponse back into results. */
final class MultiCodec {
    private MultiCodec() {
    }

    /** Validates every op as the single-op calls would, then maps its path into the chroot. */
    static MultiRequest encode(List<Op> ops, Chroot chroot) {
        List<MultiOp> encoded = new ArrayList<>(ops.size());
        for (Op op : ops) {
            encoded.add(encode(op, chroot));
        }
        return new MultiRequest(encoded);
    }

    private static MultiOp encode(Op op, Chroot chroot) {
        String path = chroot.toServer(op.path());
        if (op instanceof Op.Create c) {
            PathValidator.validate(c.path(), CreateFlags.isSequential(c.flags()));
            CreateModes.validate(c.flags(), c.ttl());
            int opCode = CreateModes.multiOpCode(c.flags());
            Record request = opCode == OpCode.CREATE_TTL
                    ? new CreateTTLRequest(path, c.data(), c.acl(), c.flags(), c.ttl())
                    : new CreateRequest(path, c.data(), c.acl(), c.flags());
            return new MultiOp(opCode, request);
        }
        PathValidator.validate(op.path());
        if (op instanceof Op.Delete d) {
            return new MultiOp(OpCode.DELETE, new DeleteRequest(path, d.version()));
        } else if (op instanceof Op.SetData s) {
            return new MultiOp(OpCode.SET_DATA, new SetDataRequest(path, s.data(), s.version()));
        } else if (op instanceof Op.Check k) {
            return new MultiOp(OpCode.CHECK, new CheckVersionRequest(path, k.version()));
        }
        throw new IllegalArgumentException("unsupported op " + op);
    }

    static List<OpResult> decode(MultiResponse response, Chroot chroot) {
        List<OpResult> results = new ArrayList<>(response.results().size());
        for (MultiResult r : response.results()) {
            results.add(decode(r, chroot));
        }
        return results;
    }

    private static OpResult decode(MultiResult r, Chroot chroot) {
        return switch (r.type()) {
            case OpCode.CREATE -> new OpResult.Create(chroot.toClient(((CreateResponse) r.response()).path()), null);
            case OpCode.CREATE2 -> {
                Create2Response c = (Create2Response) r.response();
                yield new OpResult.Create(chroot.toClient(c.path()), c.stat());
            }
            case OpCode.DELETE -> new OpResult.Delete();
            case OpCode.SET_DATA -> new OpResult.SetData(((SetDataResponse) r.response()).stat());
            case OpCode.CHECK -> new OpResult.Check();
            case OpCode.ERROR -> new OpResult.Error(r.err());
            default -> throw new IllegalStateException("unexpected result type " + r.type() + " in a multi reply");
        };
    }

    /** The index of the op that made the multi fail, or -1 if it succeeded. */
    static int firstFailure(List<OpResult> results) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.Error e && e.err() != Code.OK) {
                return i;
            }
        }
        return -1;
    }
}
