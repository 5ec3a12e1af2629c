package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record against ZooKeeper 3.9.3's own serialization, both ways. */
class ApacheCompatibilityTest {
    static List<Cases.Case> cases() {
        return Cases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesLikeZooKeeper(Cases.Case c) {
        assertArrayEquals(Apache.bytes(c.theirs()), JuteOutput.encode(c.ours()));
    }

    /**
     * Compares our decoding with ZooKeeper's by re-encoding both. Not simply with the original bytes: a
     * supplementary character goes out as 6 bytes that the UTF-8 decoder of either side turns into U+FFFD.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesLikeZooKeeper(Cases.Case c) {
        byte[] wire = Apache.bytes(c.theirs());
        JuteInput in = new JuteInput(wire);
        Record ours = c.reader().apply(in);
        in.expectEnd(c.name());
        byte[] theirs = Apache.bytes(Apache.read(c.theirs().getClass(), wire));
        assertArrayEquals(theirs, JuteOutput.encode(ours));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTruncationFails(Cases.Case c) {
        byte[] wire = JuteOutput.encode(c.ours());
        // The trailing readOnly flag is optional, so one byte short is still a whole handshake.
        boolean optionalLastByte = c.ours() instanceof ConnectRequest || c.ours() instanceof ConnectResponse;
        for (int len = 0; len < wire.length; len++) {
            if (optionalLastByte && len == wire.length - 1) {
                continue;
            }
            JuteInput in = new JuteInput(Arrays.copyOf(wire, len));
            assertThrows(JuteException.class, () -> c.reader().apply(in), c.name() + " cut at " + len);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsExactlyItsOwnBytes(Cases.Case c) {
        byte[] wire = Cases.concat(JuteOutput.encode(c.ours()), new byte[] {0x42});
        JuteInput in = new JuteInput(wire);
        c.reader().apply(in);
        assertEquals(1, in.remaining(), c.name());
    }
}
