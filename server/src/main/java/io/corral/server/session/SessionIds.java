package io.corral.server.session;

import java.util.Random;

/**
 * Session ids and passwords as ZooKeeper makes them, so that sessions recovered from a ZooKeeper data
 * directory keep working and any server of an ensemble can check a password.
 *
 * <p>Id layout: server id in the top byte, 40 bits of a millisecond clock, then a counter. The password is a
 * function of the id and a fixed secret, so nothing about it has to be stored.
 */
public final class SessionIds {
    private static final long PASSWORD_SECRET = 0xB3415C00L;
    public static final int PASSWORD_LENGTH = 16;

    private long next;

    public SessionIds(long serverId, long clockMs) {
        long base = ((clockMs << 24) >>> 8) | (serverId << 56);
        if (base == Long.MIN_VALUE) {
            base++; // the container marker is never a session id
        }
        next = base;
    }

    /**
     * Makes the next id larger than {@code id} when both carry the same server id: after a reboot the clock
     * bits may start lower than those of sessions recovered from disk, and an id must never be handed out twice.
     */
    public synchronized void advancePast(long id) {
        if ((id >>> 56) == (next >>> 56) && id >= next) {
            next = id + 1;
        }
    }

    public synchronized long nextId() {
        return next++;
    }

    public static byte[] password(long sessionId) {
        byte[] pw = new byte[PASSWORD_LENGTH];
        new Random(sessionId ^ PASSWORD_SECRET).nextBytes(pw);
        return pw;
    }
}
