package io.corral.server.zab;

import io.corral.api.persistence.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * The most recent part of a peer's log, kept in memory so that a leader can bring learners up to date by DIFF
 * without reading the disk. {@code base} is the zxid just before the oldest entry kept (0 at the beginning of
 * time). Bounded: past {@code capacity} entries the oldest are dropped and {@code base} moves up.
 */
public final class History {
    private final int capacity;
    private final TreeMap<Long, byte[]> entries = new TreeMap<>();
    private long base;
    private long last;

    public History(int capacity, long base) {
        this.capacity = capacity;
        this.base = base;
        this.last = base;
    }

    public void append(long zxid, byte[] txn) {
        if (zxid <= last) {
            throw new IllegalStateException("history must grow: 0x" + Long.toHexString(zxid) + " after 0x"
                    + Long.toHexString(last));
        }
        entries.put(zxid, txn);
        last = zxid;
        while (entries.size() > capacity) {
            base = entries.pollFirstEntry().getKey();
        }
    }

    /**
     * Drops every entry after {@code zxid}. Returns false when this log does not hold {@code zxid} (a gap: the
     * caller needs a snapshot instead). Below the kept window the disk is the judge, so the answer is true.
     */
    public boolean truncateAfter(long zxid) {
        if (zxid < base) {
            entries.clear();
            base = zxid;
            last = zxid;
            return true;
        }
        boolean held = zxid == base || entries.containsKey(zxid);
        entries.tailMap(zxid, false).clear();
        last = entries.isEmpty() ? base : entries.lastKey();
        return held;
    }

    /** Forgets everything: a snapshot at {@code zxid} replaces the history. */
    public void reset(long zxid) {
        entries.clear();
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
        return entries.containsKey(zxid);
    }

    public byte[] get(long zxid) {
        return entries.get(zxid);
    }

    public NavigableSet<Long> zxids() {
        return entries.navigableKeySet();
    }

    /** The entries after {@code zxid}, oldest first. */
    public List<LogEntry> after(long zxid) {
        NavigableMap<Long, byte[]> tail = entries.tailMap(zxid, false);
        List<LogEntry> out = new ArrayList<>(tail.size());
        tail.forEach((z, t) -> out.add(new LogEntry(z, t)));
        return out;
    }
}
