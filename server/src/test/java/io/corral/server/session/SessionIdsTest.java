package io.corral.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionIdsTest {

    @ParameterizedTest(name = "server {0}, clock {1}")
    @CsvSource({"1, 1700000000000", "1, 0", "42, 123456789", "254, 1099511627775", "255, 5"})
    void serverIdIsTheTopByteAndTheClockTheNextFortyBits(long serverId, long clockMs) {
        long id = new SessionIds(serverId, clockMs).nextId();
        assertEquals(serverId, id >>> 56);
        assertEquals(clockMs & 0xffffffffffL, (id >>> 16) & 0xffffffffffL);
        assertEquals(0, id & 0xffff, "the counter starts at 0");
    }

    @Test
    void matchesZooKeepersFormula() {
        long clock = 1_700_000_000_123L;
        long expected = ((clock << 24) >>> 8) | (1L << 56);
        assertEquals(expected, new SessionIds(1, clock).nextId());
    }

    @Test
    void idsIncrementByOne() {
        SessionIds ids = new SessionIds(1, 1000);
        long first = ids.nextId();
        assertEquals(first + 1, ids.nextId());
        assertEquals(first + 2, ids.nextId());
    }

    @Test
    void neverTheContainerMarker() {
        // Server 128 at clock 0 would start exactly at Long.MIN_VALUE.
        long id = new SessionIds(128, 0).nextId();
        assertNotEquals(Long.MIN_VALUE, id);
        assertEquals(Long.MIN_VALUE + 1, id);
    }

    @Test
    void passwordIsSixteenBytesAndAFunctionOfTheId() {
        long id = 0x0100000012345678L;
        byte[] pw = SessionIds.password(id);
        assertEquals(16, pw.length);
        assertEquals(SessionIds.PASSWORD_LENGTH, pw.length);
        assertArrayEquals(pw, SessionIds.password(id));
        assertFalse(Arrays.equals(pw, SessionIds.password(id + 1)));
        assertFalse(Arrays.equals(pw, new byte[16]));
    }

    @Test
    void passwordIsZooKeepersSoOtherServersCanCheckIt() {
        long id = 0x0123456789abcdefL;
        byte[] expected = new byte[16];
        new Random(id ^ 3007405056L).nextBytes(expected);
        assertArrayEquals(expected, SessionIds.password(id));
    }

    @org.junit.jupiter.api.Test
    void neverHandsOutARecoveredIdAgain() {
        SessionIds ids = new SessionIds(1, 5);
        long recovered = ids.nextId() + 1000;
        ids.advancePast(recovered);
        org.junit.jupiter.api.Assertions.assertTrue(ids.nextId() > recovered);
        SessionIds other = new SessionIds(1, 5);
        long before = other.nextId();
        other.advancePast(0x0200000000000000L);
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, other.nextId(), "another server's ids do not matter");
    }
}
