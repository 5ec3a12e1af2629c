package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeKindTest {

    @ParameterizedTest(name = "ttl {0} ms")
    @ValueSource(longs = {1, 1000, 86_400_000L, 0xffffffffffL})
    void ttlEncodingRoundTrips(long ttlMs) {
        long owner = NodeKind.ttlOwner(ttlMs);
        assertEquals(0xffL, owner >>> 56, "top byte 0xFF marks an extended type");
        assertEquals(0, (owner >>> 40) & 0xffff, "extended type 0 is TTL");
        assertEquals(ttlMs, NodeKind.ttlMs(owner));
        assertTrue(NodeKind.isTtl(owner, true));
        assertFalse(NodeKind.isTtl(owner, false), "without extended types it is a session id");
        assertFalse(NodeKind.isContainer(owner));
        assertEquals(0, NodeKind.sessionOf(owner, true));
        assertEquals(owner, NodeKind.sessionOf(owner, false));
    }

    @Test
    void maxTtlIsFortyBits() {
        assertEquals((1L << 40) - 1, NodeKind.MAX_TTL_MS);
    }

    @ParameterizedTest(name = "owner {0}")
    @CsvSource({
        // owner (hex),        extended, container, ttl,   session shown
        "0000000000000000,     true,     false,     false, 0000000000000000",
        "0000000000000000,     false,    false,     false, 0000000000000000",
        "8000000000000000,     true,     true,      false, 0000000000000000",
        "8000000000000000,     false,    true,      false, 0000000000000000",
        "0100017f00000001,     true,     false,     false, 0100017f00000001",
        "fe00000000000001,     true,     false,     false, fe00000000000001",
    })
    void classification(String ownerHex, boolean extended, boolean container, boolean ttl, String sessionHex) {
        long owner = Long.parseUnsignedLong(ownerHex, 16);
        assertEquals(container, NodeKind.isContainer(owner));
        assertEquals(ttl, NodeKind.isTtl(owner, extended));
        assertEquals(Long.parseUnsignedLong(sessionHex, 16), NodeKind.sessionOf(owner, extended));
    }

    @Test
    void containerMarkerIsLongMinValue() {
        assertEquals(Long.MIN_VALUE, NodeKind.CONTAINER_MARKER);
    }
}
