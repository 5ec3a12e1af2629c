package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.proto.DeleteContainerRequest;
import io.corral.protocol.proto.SyncRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.jute.BinaryInputArchive;
import org.junit.jupiter.api.Test;

/** The corner of jute strings that byte equality alone does not make obvious. */
class StringEncodingTest {
    @Test
    void supplementaryCharacterIsSixBytesOnTheWire() {
        byte[] wire = JuteOutput.encode(new SyncRequest("\uD83D\uDE00"));
        assertArrayEquals(new byte[] {0, 0, 0, 6, (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8,
                (byte) 0x80}, wire);
    }

    /** ZooKeeper cannot round-trip such a character either; what matters is that both sides decode alike. */
    @Test
    void supplementaryCharacterDecodesAsZooKeeperDecodesIt() throws IOException {
        byte[] wire = JuteOutput.encode(new SyncRequest("a\uD83D\uDE00b"));
        String theirs = BinaryInputArchive.getArchive(new ByteArrayInputStream(wire)).readString("path");
        assertEquals(theirs, SyncRequest.read(new JuteInput(wire)).path());
    }

    @Test
    void deleteContainerPathIsPlainUtf8() {
        DeleteContainerRequest r = DeleteContainerRequest.of("/c\uD83D\uDE00");
        assertEquals(6, r.path().length);
        assertEquals("/c\uD83D\uDE00", r.pathString());
        assertNull(new DeleteContainerRequest(null).pathString());
    }
}
