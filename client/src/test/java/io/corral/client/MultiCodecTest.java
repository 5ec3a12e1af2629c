package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.data.Stat;
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
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiCodecTest {
    private final Chroot app = Chroot.of("/app");

    @Test
    void opsGoOutWithServerPathsAndTheRightOpcodes() {
        MultiRequest request = MultiCodec.encode(List.of(
                Op.create("/a", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT),
                Op.create("/t", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_WITH_TTL, 500),
                Op.create("/c", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.CONTAINER),
                Op.delete("/a", 3),
                Op.check("/b", 1)), app);
        List<MultiOp> ops = request.ops();
        assertEquals(new MultiOp(OpCode.CREATE, new CreateRequest("/app/a", null, Acls.OPEN_ACL_UNSAFE, 0)),
                ops.get(0));
        assertEquals(OpCode.CREATE_TTL, ops.get(1).type());
        assertEquals(500, ((CreateTTLRequest) ops.get(1).request()).ttl());
        assertEquals(OpCode.CREATE_CONTAINER, ops.get(2).type());
        assertEquals(new MultiOp(OpCode.DELETE, new DeleteRequest("/app/a", 3)), ops.get(3));
        assertEquals(new MultiOp(OpCode.CHECK, new CheckVersionRequest("/app/b", 1)), ops.get(4));
    }

    @Test
    void createdPathsComeBackInsideTheChroot() {
        Stat stat = new Stat(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        List<OpResult> results = MultiCodec.decode(new MultiResponse(List.of(
                MultiResult.of(OpCode.CREATE, new CreateResponse("/app/a0000000001")),
                MultiResult.of(OpCode.CREATE2, new Create2Response("/app/c", stat)),
                MultiResult.of(OpCode.DELETE, null))), app);
        assertEquals(List.of(new OpResult.Create("/a0000000001", null), new OpResult.Create("/c", stat),
                new OpResult.Delete()), results);
        assertEquals(-1, MultiCodec.firstFailure(results));
    }

    @Test
    void theFailedOpIsTheFirstNonZeroError() {
        List<OpResult> results = MultiCodec.decode(new MultiResponse(List.of(
                MultiResult.error(Code.OK), MultiResult.error(Code.NONODE),
                MultiResult.error(Code.RUNTIMEINCONSISTENCY))), Chroot.NONE);
        assertEquals(1, MultiCodec.firstFailure(results));
    }

    @Test
    void badPathsAndModesAreRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class,
                () -> MultiCodec.encode(List.of(Op.delete("a", -1)), Chroot.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> Op.create("/a", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT, 10));
        assertThrows(IllegalArgumentException.class, () -> MultiCodec.encode(
                List.of(Op.create("/a", null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT_WITH_TTL)), Chroot.NONE));
    }
}
