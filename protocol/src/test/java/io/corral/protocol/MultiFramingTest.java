package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ErrorResponse;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.MultiHeader;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.MultiResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of multi framing that ZooKeeper's Op classes cannot produce, checked against hand-built frames. */
class MultiFramingTest {
    private static byte[] header(int type, boolean done, int err) {
        return Apache.bytes(new org.apache.zookeeper.proto.MultiHeader(type, done, err));
    }

    @Test
    void emptyMultiIsTheNineByteTerminator() {
        byte[] end = {-1, -1, -1, -1, 1, -1, -1, -1, -1};
        assertArrayEquals(end, JuteOutput.encode(new MultiRequest(List.of())));
        assertArrayEquals(end, JuteOutput.encode(new MultiResponse(List.of())));
        assertEquals(List.of(), MultiRequest.read(new JuteInput(end)).ops());
    }

    @Test
    void create2OpIsFramedLikeAnyOther() {
        // No supplementary characters here, so that decoding gives back exactly what was sent.
        List<ACL> acl = List.of(new ACL(Perms.ALL, new Id("digest", "b\u00f6b:h\u4e2d")));
        org.apache.zookeeper.proto.CreateRequest theirs = new org.apache.zookeeper.proto.CreateRequest(
                Cases.PATH, Cases.DATA, Apache.acls(acl), CreateFlags.EPHEMERAL);
        byte[] expected = Cases.concat(
                header(OpCode.CREATE2, false, -1), Apache.bytes(theirs),
                header(OpCode.DELETE, false, -1), Apache.bytes(new org.apache.zookeeper.proto.DeleteRequest("/d", 3)),
                header(-1, true, -1));
        MultiRequest ours = new MultiRequest(List.of(
                new MultiOp(OpCode.CREATE2, new CreateRequest(Cases.PATH, Cases.DATA, acl, CreateFlags.EPHEMERAL)),
                new MultiOp(OpCode.DELETE, new DeleteRequest("/d", 3))));
        assertArrayEquals(expected, JuteOutput.encode(ours));

        MultiRequest back = MultiRequest.read(new JuteInput(expected));
        assertEquals(OpCode.CREATE2, back.ops().get(0).type());
        assertTrue(back.ops().get(0).request() instanceof CreateRequest);
        assertEquals(new MultiOp(OpCode.DELETE, new DeleteRequest("/d", 3)), back.ops().get(1));
        assertArrayEquals(expected, JuteOutput.encode(back));
    }

    /** Any header with done set ends the list, whatever its type: ZooKeeper only looks at the flag. */
    @Test
    void doneFlagAloneEndsTheList() {
        byte[] wire = Cases.concat(
                header(OpCode.DELETE, false, -1), Apache.bytes(new org.apache.zookeeper.proto.DeleteRequest("/d", -1)),
                header(OpCode.CHECK, true, 0));
        assertEquals(1, MultiRequest.read(new JuteInput(wire)).ops().size());
    }

    @Test
    void resultsCarryTheirErrAndBody() {
        byte[] wire = Cases.concat(
                header(OpCode.DELETE, false, 0),
                header(OpCode.CHECK, false, 0),
                header(OpCode.ERROR, false, Code.NOTEMPTY),
                Apache.bytes(new org.apache.zookeeper.proto.ErrorResponse(-111)),
                header(-1, true, -1));
        MultiResponse back = MultiResponse.read(new JuteInput(wire));
        assertEquals(3, back.results().size());
        assertNull(back.results().get(0).response());
        assertNull(back.results().get(1).response());
        assertEquals(MultiResult.error(Code.NOTEMPTY), back.results().get(2));
        assertEquals(new ErrorResponse(Code.NOTEMPTY), back.results().get(2).response());
        assertArrayEquals(wire, JuteOutput.encode(back));
    }

    @Test
    void unknownOpTypeIsRejected() {
        byte[] wire = Cases.concat(
                header(OpCode.EXISTS, false, -1), JuteOutput.encode(new ExistsRequest("/x", false)),
                header(-1, true, -1));
        JuteException e = assertThrows(JuteException.class, () -> MultiRequest.read(new JuteInput(wire)));
        assertTrue(e.getMessage().contains("3"), e.getMessage());

        byte[] odd = Cases.concat(header(999, false, -1), header(-1, true, -1));
        e = assertThrows(JuteException.class, () -> MultiRequest.read(new JuteInput(odd)));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
    }

    @Test
    void unknownResultTypeIsRejected() {
        byte[] wire = Cases.concat(header(OpCode.SYNC, false, 0), header(-1, true, -1));
        JuteException e = assertThrows(JuteException.class, () -> MultiResponse.read(new JuteInput(wire)));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
    }

    @Test
    void missingTerminatorIsTruncation() {
        byte[] wire = Cases.concat(header(OpCode.DELETE, false, -1), JuteOutput.encode(new DeleteRequest("/d", 1)));
        assertThrows(JuteException.class, () -> MultiRequest.read(new JuteInput(wire)));
        assertThrows(JuteException.class, () -> MultiResponse.read(new JuteInput(header(OpCode.DELETE, false, 0))));
    }

    @Test
    void terminatorConstantMatchesZooKeeper() {
        assertArrayEquals(header(-1, true, -1), JuteOutput.encode(MultiHeader.END));
    }
}
