package io.corral.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTriggerTest {

    /** Transactions logged until the trigger fires. */
    private static int untilFired(SnapshotTrigger t) {
        int n = 0;
        do {
            n++;
        } while (!t.logged());
        return n;
    }

    @Test
    void firesAfterHalfThePeriodPlusARandomShareOfTheOtherHalf() {
        SnapshotTrigger t = new SnapshotTrigger(1000, new Random(42));
        for (int round = 0; round < 200; round++) {
            int n = untilFired(t);
            assertTrue(n > 500 && n <= 1000, "fired after " + n + " transactions; expected in (500, 1000]");
        }
    }

    @Test
    void theThresholdIsDrawnAgainAfterEverySnapshot() {
        SnapshotTrigger t = new SnapshotTrigger(1000, new Random(7));
        Set<Integer> distances = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            distances.add(untilFired(t));
        }
        assertTrue(distances.size() > 10, "servers of an ensemble must not snapshot in step: " + distances);
    }

    @Test
    void differentSeedsSpreadTheFirstSnapshot() {
        Set<Long> thresholds = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            thresholds.add(new SnapshotTrigger(100_000, new Random(seed)).threshold());
        }
        assertTrue(thresholds.size() > 5, thresholds.toString());
    }

    @Test
    void theSmallestSnapCountStillWorks() {
        SnapshotTrigger t = new SnapshotTrigger(2, new Random(1));
        assertEquals(2, untilFired(t), "snapCount 2: after more than 1 transaction");
        assertThrows(IllegalArgumentException.class, () -> new SnapshotTrigger(1, new Random()));
    }
}
