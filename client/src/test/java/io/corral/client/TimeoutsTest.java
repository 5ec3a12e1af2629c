package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeoutsTest {
    @Test
    void readTimeoutIsTwoThirdsAndPingsGoAtHalfOfIt() {
        assertEquals(20_000, Timeouts.readTimeoutMs(30_000));
        assertEquals(10_000, Timeouts.pingIntervalMs(30_000));
        assertEquals(2_666, Timeouts.readTimeoutMs(4_000));
        assertEquals(1_333, Timeouts.pingIntervalMs(4_000));
    }

    @Test
    void pingsAreAtLeastEveryTenSeconds() {
        assertEquals(10_000, Timeouts.pingIntervalMs(120_000));
    }

    @Test
    void connectTimeoutIsShared() {
        assertEquals(10_000, Timeouts.connectTimeoutMs(30_000, 3));
    }
}
