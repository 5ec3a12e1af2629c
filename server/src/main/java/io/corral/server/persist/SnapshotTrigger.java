package io.corral.server.persist;

import java.util.Random;

/**
 * When to snapshot: after more than {@code snapCount/2 + random(0, snapCount/2)} transactions since the last
 * one. The random half keeps the servers of an ensemble from all snapshotting at the same moment.
 */
public final class SnapshotTrigger {
    private final int snapCount;
    private final Random random;
    private long sinceLast;
    private int roll;

    public SnapshotTrigger(int snapCount, Random random) {
        if (snapCount < 2) {
            throw new IllegalArgumentException("snapCount must be at least 2: " + snapCount);
        }
        this.snapCount = snapCount;
        this.random = random;
        this.roll = random.nextInt(snapCount / 2);
    }

    /** Counts one logged transaction; true when a snapshot is due (the count then starts over). */
    public boolean logged() {
        sinceLast++;
        if (sinceLast > snapCount / 2 + roll) {
            sinceLast = 0;
            roll = random.nextInt(snapCount / 2);
            return true;
        }
        return false;
    }

    /** The current threshold, for tests and logs. */
    public long threshold() {
        return snapCount / 2 + roll;
    }
}
