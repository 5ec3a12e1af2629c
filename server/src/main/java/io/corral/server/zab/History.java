package io.corral.server.zab;

import io.corral.api.persistence.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The most recent part of a peer's log, kept in memory so that a leader can bring learners up to date by DIFF
 * without reading the disk. {@code base} is the zxid just before the oldest entry kept (0 at the beginning of
 * time). Bounded: past {@code capacity} entries the oldest are dropped and {@code base} moves up.
 *
 * <p>A ring of parallel arrays, searched by bisection (zxids only grow): the leader appends every proposal here,
 * and a sorted map paid a node and a rebalancing per append and per drop (7% of a busy leader's samples).
 */
public final class History {
    private final int capacity;
    private final long[] zxids;
    private final byte[][] txns;
    /** Ring index of the oldest entry. */
    private int head;
    private int size;
    private long base;
    private long last;

    public History(int capacity, long base) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.zxids = new long[capacity];
        this.txns = new byte[capacity][];
        this.base = base;
        this.last = base;
    }

    public void append(long zxid, byte[] txn) {
        if (zxid <= last) {
            throw new IllegalStateException("history must grow: 0x" + Long.toHexString(zxid) + " after 0x"
                    + Long.toHexString(last));
        }
        if (size == capacity) {
            base = zxids[head];
            txns[head] = null;
            head = (head + 1) % capacity;
            size--;
        }
        int slot = (head + size) % capacity;
        zxids[slot] = zxid;
        txns[slot] = txn;
        size++;
        last = zxid;
    }

    /**
     * Drops every entry after {@code zxid}. Returns false when this log does not hold {@code zxid} (a gap: the
     * caller needs a snapshot instead). Below the kept window the disk is the judge, so the answer is true.
     */
    public boolean truncateAfter(long zxid) {
        if (zxid < base) {
            reset(zxid);
            return true;
        }
        int kept = countAtMost(zxid);
        boolean held = zxid == base || (kept > 0 && zxidAt(kept - 1) == zxid);
        for (int i = kept; i < size; i++) {
            txns[(head + i) % capacity] = null;
        }
        size = kept;
        last = size == 0 ? base : zxidAt(size - 1);
        return held;
    }

    /** Forgets everything: a snapshot at {@code zxid} replaces the history. */
    public void reset(long zxid) {
        for (int i = 0; i < size; i++) {
            txns[(head + i) % capacity] = null;
        }
        head = 0;
        size = 0;
        base = zxid;
        last = zxid;
    }

    public long base() {
        return base;
    }

    public long last() {
        return last;
    }

    public boolean contains(long zxid) {
        return indexOf(zxid) >= 0;
    }

    public byte[] get(long zxid) {
        int i = indexOf(zxid);
        return i < 0 ? null : txns[(head + i) % capacity];
    }

    /** The zxids held, as a new sorted set (for sync planning, once per learner that connects). */
    public NavigableSet<Long> zxids() {
        NavigableSet<Long> out = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            out.add(zxidAt(i));
        }
        return out;
    }

    /** The entries after {@code zxid}, oldest first. */
    public List<LogEntry> after(long zxid) {
        int from = countAtMost(zxid);
        List<LogEntry> out = new ArrayList<>(size - from);
        for (int i = from; i < size; i++) {
            int slot = (head + i) % capacity;
            out.add(new LogEntry(zxids[slot], txns[slot]));
        }
        return out;
    }

    private long zxidAt(int i) {
        return zxids[(head + i) % capacity];
    }

    /** How many entries have a zxid of at most {@code zxid} (they come first: zxids grow). */
    private int countAtMost(long zxid) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zxidAt(mid) <= zxid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of {@code zxid} from the oldest entry, or -1. */
    private int indexOf(long zxid) {
        int n = countAtMost(zxid);
        return n > 0 && zxidAt(n - 1) == zxid ? n - 1 : -1;
    }
}
