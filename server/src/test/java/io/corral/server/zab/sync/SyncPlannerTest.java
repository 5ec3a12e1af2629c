package io.corral.server.zab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {
    private static long z(long epoch, long counter) {
        return (epoch << 32) | counter;
    }

    /** The leader's window: epoch 1 entries 5..9, then epoch 3 entries 1..2 (epoch 2 committed nothing). */
    private static final long BASE = z(1, 4);
    private static final TreeSet<Long> WINDOW = new TreeSet<>(java.util.List.of(
            z(1, 5), z(1, 6), z(1, 7), z(1, 8), z(1, 9), z(3, 1), z(3, 2)));
    private static final long LAST = z(3, 2);

    private static SyncPlan plan(long learner) {
        return SyncPlanner.plan(learner, LAST, BASE, WINDOW);
    }

    @Test
    void upToDateLearnerGetsAnEmptyDiff() {
        assertEquals(SyncPlan.diff(LAST), plan(LAST));
    }

    @Test
    void learnerInsideTheHistoryGetsTheRest() {
        assertEquals(SyncPlan.diff(z(1, 7)), plan(z(1, 7)));
        assertEquals(SyncPlan.diff(BASE), plan(BASE), "exactly at the window's base: the window is all it needs");
    }

    @Test
    void learnerWithUncommittedEntriesIsCutBackToTheLastCommonEntry() {
        // z(2, 1) was logged by a leader of epoch 2 that died before committing it.
        assertEquals(SyncPlan.truncDiff(z(1, 9)), plan(z(2, 1)));
        assertEquals(SyncPlan.truncDiff(z(1, 9)), plan(z(2, 7)));
    }

    @Test
    void learnerAheadOfTheLeaderIsTruncated() {
        assertEquals(SyncPlan.trunc(LAST), plan(z(3, 5)));
        assertEquals(SyncPlan.trunc(LAST), plan(z(4, 1)));
    }

    @Test
    void learnerBehindTheWindowGetsASnapshot() {
        assertEquals(SyncPlan.snap(), plan(z(1, 3)));
        assertEquals(SyncPlan.snap(), plan(0));
    }

    @Test
    void withNothingInMemoryOnlyAnExactMatchAvoidsASnapshot() {
        TreeSet<Long> empty = new TreeSet<>();
        assertEquals(SyncPlan.diff(z(1, 9)), SyncPlanner.plan(z(1, 9), z(1, 9), z(1, 9), empty));
        assertEquals(SyncPlan.snap(), SyncPlanner.plan(z(1, 2), z(1, 9), z(1, 9), empty));
        assertEquals(SyncPlan.diff(0), SyncPlanner.plan(0, 0, 0, empty), "two empty servers");
    }
}
