package io.corral.persistence.memory;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.TxnLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A transaction log in a list. Commit only counts itself, so tests can check that the server group-commits
 * (many appends, few commits). Synchronized because readers (sync of a learner, tests) may come from other
 * threads than the log stage.
 */
public final class MemoryTxnLog implements TxnLog {
    private final List<LogEntry> entries = new ArrayList<>();
    private long commits;

    @Override
    public synchronized void append(LogEntry entry) {
        long last = lastZxid();
        if (entry.zxid() <= last) {
            throw new IllegalArgumentException("zxid 0x" + Long.toHexString(entry.zxid())
                    + " appended after 0x" + Long.toHexString(last) + ": zxids must increase");
        }
        entries.add(entry);
    }

    @Override
    public synchronized void commit() {
        commits++;
    }

    @Override
    public synchronized long commitCount() {
        return commits;
    }

    @Override
    public void roll() {
    }

    @Override
    public synchronized LogReader readAfter(long afterZxid) {
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : entries) {
            if (e.zxid() > afterZxid) {
                out.add(e);
            }
        }
        Iterator<LogEntry> it = out.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** Forgets entries up to {@code zxid}, for purge. */
    synchronized void dropUpTo(long zxid) {
        entries.removeIf(e -> e.zxid() <= zxid);
    }

    @Override
    public synchronized void truncateAfter(long zxid) {
        entries.removeIf(e -> e.zxid() > zxid);
    }

    @Override
    public synchronized long lastZxid() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).zxid();
    }

    @Override
    public synchronized void close() {
        entries.clear();
    }
}
