package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.GetChildrenResponse;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.txn.MultiTxn;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Hostile lengths must fail as JuteException before anything large is allocated. */
class JuteInputMalformedTest {
    private static JuteInput ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return new JuteInput(b.array());
    }

    @Test
    void truncatedPrimitives() {
        assertThrows(JuteException.class, () -> new JuteInput(new byte[3]).readInt());
        assertThrows(JuteException.class, () -> new JuteInput(new byte[7]).readLong());
        assertThrows(JuteException.class, () -> new JuteInput(new byte[0]).readBool());
    }

    @Test
    void truncatedStringAndBuffer() {
        assertThrows(JuteException.class, () -> ints(5, 0x61626364).readString());
        assertThrows(JuteException.class, () -> ints(5, 0x61626364).readBuffer());
    }

    @Test
    void negativeLengthBelowMinusOne() {
        assertThrows(JuteException.class, () -> ints(-2, 0).readString());
        assertThrows(JuteException.class, () -> ints(Integer.MIN_VALUE, 0).readBuffer());
        assertThrows(JuteException.class, () -> ints(-2, 0).readStringVector());
        assertThrows(JuteException.class, () -> CreateRequest.read(ints(-7, 0, 0, 0)));
    }

    @Test
    void lengthOverTheLimit() {
        byte[] wire = JuteOutput.encode(new CreateRequest("/abcdefghij", null, null, 0));
        assertEquals("/abcdefghij", CreateRequest.read(new JuteInput(ByteBuffer.wrap(wire), 11)).path());
        assertThrows(JuteException.class, () -> CreateRequest.read(new JuteInput(ByteBuffer.wrap(wire), 10)));
        assertThrows(JuteException.class,
                () -> new JuteInput(ByteBuffer.wrap(new byte[40]).putInt(0, 33), 32).readBuffer());
    }

    @Test
    void hugeLengthsDoNotAllocate() {
        assertThrows(JuteException.class, () -> ints(Integer.MAX_VALUE, 0).readBuffer());
        assertThrows(JuteException.class, () -> ints(Integer.MAX_VALUE, 0).readString());
        assertThrows(JuteException.class, () -> GetChildrenResponse.read(ints(Integer.MAX_VALUE, 0)));
    }

    @Test
    void vectorCountLargerThanTheBytesLeft() {
        assertThrows(JuteException.class, () -> GetChildrenResponse.read(ints(9, -1)));
        assertThrows(JuteException.class, () -> MultiTxn.read(ints(1_000_000)));
        assertThrows(JuteException.class, () -> ints(Integer.MAX_VALUE).readVector(ACL::read));
        // Count 2 with two null strings is fine; 3 runs out.
        assertEquals(2, GetChildrenResponse.read(ints(2, -1, -1)).children().size());
        assertThrows(JuteException.class, () -> GetChildrenResponse.read(ints(3, -1, -1)));
    }

    @Test
    void vectorCountBelowMinusOne() {
        assertThrows(JuteException.class, () -> SetWatches.read(new JuteInput(
                ByteBuffer.allocate(12).putLong(0, 5).putInt(8, -2).array())));
    }

    @Test
    void trailingGarbageIsReported() {
        JuteInput in = ints(-1, 0x42);
        in.readString();
        assertThrows(JuteException.class, () -> in.expectEnd("string"));
    }
}
