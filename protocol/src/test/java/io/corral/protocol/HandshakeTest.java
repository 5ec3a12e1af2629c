package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Clients from before read-only mode send, and expect, one byte less. */
class HandshakeTest {
    @Test
    void oldClientRequestOf44BytesReadsAsNotReadOnly() {
        byte[] full = Apache.bytes(
                new org.apache.zookeeper.proto.ConnectRequest(0, 0x33L, 10_000, 0, new byte[16], true));
        assertEquals(45, full.length);
        byte[] old = Arrays.copyOf(full, 44);

        JuteInput in = new JuteInput(old);
        ConnectRequest r = ConnectRequest.read(in);
        assertFalse(in.hasRemaining());
        assertFalse(r.readOnly());
        assertEquals(0x33L, r.lastZxidSeen());
        assertEquals(10_000, r.timeOut());
        assertArrayEquals(new byte[16], r.passwd());
        // Written back it gains the flag: our writer always sends all six fields.
        assertEquals(45, JuteOutput.encode(r).length);
    }

    @Test
    void newClientReadOnlyFlagIsRead() {
        byte[] full = Apache.bytes(new org.apache.zookeeper.proto.ConnectRequest(0, 0, 10_000, 0, new byte[16], true));
        assertTrue(ConnectRequest.read(new JuteInput(full)).readOnly());
    }

    @Test
    void responseForOldClientOmitsReadOnly() {
        ConnectResponse r = new ConnectResponse(0, 4_000, 0x0100_0000_0000_0001L, Cases.PASSWD, false);
        byte[] full = Apache.bytes(new org.apache.zookeeper.proto.ConnectResponse(
                0, 4_000, 0x0100_0000_0000_0001L, Cases.PASSWD, false));
        JuteOutput out = new JuteOutput();
        r.writeWithoutReadOnly(out);
        assertEquals(36, out.size());
        assertEquals(37, full.length);
        assertArrayEquals(Arrays.copyOf(full, 36), out.toByteArray());

        JuteInput in = new JuteInput(out.toByteArray());
        assertFalse(ConnectResponse.read(in).readOnly());
        assertFalse(in.hasRemaining());
    }
}
