package io.corral.server.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.CheckVersionTxn;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxnCodecTest {
    private static final List<ACL> ACLS = List.of(new ACL(Perms.ALL, new Id("world", "anyone")),
            new ACL(Perms.READ, new Id("digest", "bob:abc=")));
    private static final byte[] DATA = "payload \u00e9".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> everyType() {
        return Stream.of(
                Arguments.of(OpCode.CREATE_SESSION, new CreateSessionTxn(30_000)),
                Arguments.of(OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/e1", "/a/e2"))),
                Arguments.of(OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of())),
                Arguments.of(OpCode.ERROR, new ErrorTxn(Code.NODEEXISTS)),
                Arguments.of(OpCode.CREATE, new CreateTxn("/a", DATA, ACLS, true, 3)),
                Arguments.of(OpCode.CREATE2, new CreateTxn("/a/b", null, ACLS, false, -1)),
                Arguments.of(OpCode.CREATE_CONTAINER, new CreateContainerTxn("/c", DATA, ACLS, 7)),
                Arguments.of(OpCode.CREATE_TTL, new CreateTTLTxn("/t", DATA, ACLS, 2, 86_400_000L)),
                Arguments.of(OpCode.DELETE, new DeleteTxn("/a/b")),
                Arguments.of(OpCode.DELETE_CONTAINER, new DeleteTxn("/c")),
                Arguments.of(OpCode.SET_DATA, new SetDataTxn("/a", DATA, 4)),
                Arguments.of(OpCode.SET_ACL, new SetACLTxn("/a", ACLS, 2)),
                Arguments.of(OpCode.CHECK, new CheckVersionTxn("/a", 5)),
                Arguments.of(OpCode.MULTI, new MultiTxn(List.of(
                        new Txn(OpCode.CREATE, JuteOutput.encode(new CreateTxn("/m", DATA, ACLS, false, 1))),
                        new Txn(OpCode.SET_DATA, JuteOutput.encode(new SetDataTxn("/m", DATA, 1))),
                        new Txn(OpCode.CHECK, JuteOutput.encode(new CheckVersionTxn("/m", 1))),
                        new Txn(OpCode.DELETE, JuteOutput.encode(new DeleteTxn("/m")))))),
                Arguments.of(OpCode.MULTI, new MultiTxn(List.of(
                        new Txn(OpCode.ERROR, JuteOutput.encode(new ErrorTxn(Code.OK))),
                        new Txn(OpCode.ERROR, JuteOutput.encode(new ErrorTxn(Code.NONODE)))))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyType")
    void roundTrip(int type, Record body) {
        TxnHeader header = new TxnHeader(0x0100000000000abcL, 17, 0x100000005L, 1_700_000_000_000L, type);
        byte[] bytes = TxnCodec.encode(header, body);
        TxnRecord decoded = TxnCodec.decode(bytes);
        assertEquals(header, decoded.header());
        assertEquals(type, decoded.type());
        assertEquals(0x100000005L, decoded.zxid());
        assertEquals(body.getClass(), decoded.body().getClass());
        // Records holding byte[] have identity equals; the encoding is the faithful comparison.
        assertArrayEquals(JuteOutput.encode(body), JuteOutput.encode(decoded.body()));
        assertArrayEquals(bytes, TxnCodec.encode(decoded.header(), decoded.body()));
    }

    @Test
    void decodedFieldsAreTheOnesWritten() {
        CreateTTLTxn t = (CreateTTLTxn) TxnCodec.decode(TxnCodec.encode(
                new TxnHeader(1, 2, 3, 4, OpCode.CREATE_TTL), new CreateTTLTxn("/t", DATA, ACLS, 9, 1234))).body();
        assertEquals("/t", t.path());
        assertArrayEquals(DATA, t.data());
        assertEquals(ACLS, t.acl());
        assertEquals(9, t.parentCVersion());
        assertEquals(1234, t.ttl());
    }

    @Test
    void headerIsZooKeepersLayout() {
        byte[] bytes = TxnCodec.encode(new TxnHeader(0x0102030405060708L, 9, 0x1112131415161718L, 0x2122232425262728L,
                OpCode.ERROR), new ErrorTxn(Code.NONODE));
        assertEquals(8 + 4 + 8 + 8 + 4 + 4, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(0x0102030405060708L, b.getLong());
        assertEquals(9, b.getInt());
        assertEquals(0x1112131415161718L, b.getLong());
        assertEquals(0x2122232425262728L, b.getLong());
        assertEquals(OpCode.ERROR, b.getInt());
        assertEquals(Code.NONODE, b.getInt());
    }

    @Test
    void closeSessionWithoutBodyFromOldLogs() {
        byte[] bytes = TxnCodec.encode(new TxnHeader(5, 0, 6, 7, OpCode.CLOSE_SESSION), null);
        assertEquals(32, bytes.length);
        TxnRecord r = TxnCodec.decode(bytes);
        assertEquals(OpCode.CLOSE_SESSION, r.type());
        assertNull(r.body());
    }

    @Test
    void trailingDigestIsIgnored() {
        byte[] bytes = TxnCodec.encode(new TxnHeader(1, 2, 3, 4, OpCode.DELETE), new DeleteTxn("/a"));
        byte[] withDigest = Arrays.copyOf(bytes, bytes.length + 12);
        TxnRecord r = TxnCodec.decode(withDigest);
        assertEquals("/a", assertInstanceOf(DeleteTxn.class, r.body()).path());
    }

    @Test
    void unknownTypeIsMalformed() {
        byte[] bytes = TxnCodec.encode(new TxnHeader(1, 2, 3, 4, 999), new ErrorTxn(0));
        assertThrows(JuteException.class, () -> TxnCodec.decode(bytes));
    }

    @Test
    void truncatedBodyIsMalformed() {
        byte[] bytes = TxnCodec.encode(new TxnHeader(1, 2, 3, 4, OpCode.SET_DATA), new SetDataTxn("/a", DATA, 1));
        assertThrows(JuteException.class, () -> TxnCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
    }
}
