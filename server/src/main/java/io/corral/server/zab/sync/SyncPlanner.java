package io.corral.server.zab.sync;

import java.util.NavigableSet;

/**
 * Chooses DIFF, TRUNC+DIFF, TRUNC or SNAP for a learner. Pure: it sees only zxids.
 *
 * <p>The leader's history is the sequence of zxids every server must end up with. It keeps the most recent part
 * in memory (the window) and knows {@code base}, the zxid just before the window (0 when the window starts at the
 * beginning of time). A learner's log is a prefix of that history, possibly followed by entries that were logged
 * but never committed (from a leader that died); those must go. Zxids are unique (one leader per epoch), so a
 * learner entry belongs to the history exactly when its zxid does.
 *
 * <p>A learner told to truncate to a zxid it does not hold (its history has a gap there) must answer that it
 * needs a snapshot instead; the planner cannot see the learner's log, only its last zxid.
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    /**
     * @param learnerLastZxid the learner's last logged zxid (0 for an empty learner)
     * @param leaderLastZxid  the leader's last zxid (the end of its history)
     * @param base            the zxid just before the window's first entry
     * @param window          the zxids of the leader's in-memory history after {@code base}, ending at
     *                        {@code leaderLastZxid}
     */
    public static SyncPlan plan(long learnerLastZxid, long leaderLastZxid, long base, NavigableSet<Long> window) {
        if (learnerLastZxid == leaderLastZxid) {
            return SyncPlan.diff(learnerLastZxid);
        }
        if (learnerLastZxid > leaderLastZxid) {
            // Nothing after the leader's last zxid was committed by a quorum the leader belongs to.
            return SyncPlan.trunc(leaderLastZxid);
        }
        if (learnerLastZxid == base || window.contains(learnerLastZxid)) {
            return SyncPlan.diff(learnerLastZxid);
        }
        if (learnerLastZxid > base) {
            // Inside the window's range but not in the history: the learner diverged after the entry before it.
            Long before = window.lower(learnerLastZxid);
            return SyncPlan.truncDiff(before == null ? base : before);
        }
        return SyncPlan.snap();
    }
}
