package io.corral.server.zab.sync;

/**
 * How a leader brings one learner up to date.
 *
 * @param kind         DIFF, TRUNC_DIFF, TRUNC or SNAP
 * @param truncateTo   for TRUNC and TRUNC_DIFF: the learner drops every logged entry after this zxid
 * @param diffFrom     for DIFF and TRUNC_DIFF: the leader sends its committed proposals after this zxid
 */
public record SyncPlan(Kind kind, long truncateTo, long diffFrom) {

    public enum Kind {
        /** The learner is a prefix of the leader: send what it lacks. */
        DIFF,
        /** The learner logged entries the leader never committed: cut them, then send what it lacks. */
        TRUNC_DIFF,
        /** The learner is ahead of everything the leader committed: cut it back to the leader's last zxid. */
        TRUNC,
        /** Too far behind for the leader's recent proposals: send a whole snapshot. */
        SNAP
    }

    public static SyncPlan diff(long from) {
        return new SyncPlan(Kind.DIFF, -1, from);
    }

    public static SyncPlan truncDiff(long truncateTo) {
        return new SyncPlan(Kind.TRUNC_DIFF, truncateTo, truncateTo);
    }

    public static SyncPlan trunc(long truncateTo) {
        return new SyncPlan(Kind.TRUNC, truncateTo, -1);
    }

    public static SyncPlan snap() {
        return new SyncPlan(Kind.SNAP, -1, -1);
    }
}
