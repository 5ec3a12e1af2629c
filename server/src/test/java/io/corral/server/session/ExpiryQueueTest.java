package io.corral.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryQueueTest {
    private final ExpiryQueue<String> queue = new ExpiryQueue<>(1000);

    @ParameterizedTest(name = "deadline {0} -> bucket {1}")
    @CsvSource({"0, 1000", "1, 1000", "999, 1000", "1000, 2000", "1001, 2000", "5999, 6000", "6000, 7000"})
    void deadlinesRoundUpToTheNextMultiple(long deadline, long bucket) {
        assertEquals(bucket, queue.roundUp(deadline));
    }

    @Test
    void touchPlacesTheElementInTheBucketOfNowPlusTimeout() {
        assertEquals(7000, queue.touch("a", 1500, 5000));
        assertEquals(7000L, queue.deadlineOf("a"));
        assertEquals(1, queue.size());
        assertNull(queue.deadlineOf("b"));
    }

    @Test
    void touchWithinTheSameBucketKeepsIt() {
        long first = queue.touch("a", 1100, 5000);
        long second = queue.touch("a", 1900, 5000);
        assertEquals(first, second);
        assertEquals(List.of(), queue.expire(first - 1));
        assertEquals(List.of("a"), queue.expire(first));
    }

    @Test
    void expireReturnsExactlyTheDueElementsAndRemovesThem() {
        queue.touch("a", 0, 1000);      // bucket 2000
        queue.touch("b", 500, 1000);    // bucket 2000
        queue.touch("c", 1000, 1000);   // bucket 3000
        queue.touch("d", 0, 10_000);    // bucket 11000
        assertEquals(List.of(), queue.expire(1999));
        assertEquals(Set.of("a", "b"), new HashSet<>(queue.expire(2000)));
        assertNull(queue.deadlineOf("a"));
        assertEquals(List.of(), queue.expire(2000), "an element expires once");
        assertEquals(List.of("c"), queue.expire(5000));
        assertEquals(1, queue.size());
        assertEquals(List.of("d"), queue.expire(Long.MAX_VALUE));
        assertEquals(0, queue.size());
    }

    @Test
    void expireCatchesUpOnSeveralMissedBuckets() {
        queue.touch("a", 0, 1000);
        queue.touch("b", 0, 2000);
        queue.touch("c", 0, 3000);
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(queue.expire(10_000)));
    }

    @Test
    void aTouchMovesTheElementToALaterBucket() {
        long early = queue.touch("a", 0, 2000);       // 3000
        long late = queue.touch("a", 2500, 2000);     // 5000
        assertTrue(late > early);
        assertEquals(List.of(), queue.expire(early), "moved away from the due bucket: not expired");
        assertEquals(late, queue.deadlineOf("a"));
        assertEquals(List.of("a"), queue.expire(late));
    }

    @Test
    void aTouchCanAlsoMoveTheElementEarlier() {
        queue.touch("a", 0, 10_000);                 // 11000
        assertEquals(2000, queue.touch("a", 0, 1000)); // a shorter timeout renegotiated
        assertEquals(List.of("a"), queue.expire(2000));
        assertEquals(List.of(), queue.expire(11_000), "not left behind in the old bucket");
    }

    @Test
    void removeForgetsTheElement() {
        queue.touch("a", 0, 1000);
        queue.touch("b", 0, 1000);
        queue.remove("a");
        queue.remove("never-added");
        assertNull(queue.deadlineOf("a"));
        assertEquals(1, queue.size());
        assertEquals(List.of("b"), queue.expire(2000));
    }

    @Test
    void intervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ExpiryQueue<String>(0));
        assertThrows(IllegalArgumentException.class, () -> new ExpiryQueue<String>(-1));
    }
}
