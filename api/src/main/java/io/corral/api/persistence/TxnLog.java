package io.corral.api.persistence;

import java.io.Closeable;
import java.io.IOException;

/**
 * The transaction log of a backend.
 *
 * <p>Contract: the server calls {@link #append}, {@link #commit} and {@link #roll} from one thread (the log
 * stage), with strictly increasing zxids. Entries appended since the last commit may be lost in a crash; once
 * {@link #commit} returns, every appended entry survives one. The server answers no client about a write
 * before the commit that covers it has returned, so a backend must never return early from commit. Readers
 * ({@link #readAfter}) may run on other threads.
 *
 * <p>Entry bytes are the server's (Apache ZooKeeper's TxnHeader and record); a backend that needs an entry's
 * zxid from bytes it reads back finds it in {@link LogEntry#zxid()}, which it must store or derive.
 */
public interface TxnLog extends Closeable {

    /** Buffers one entry; it becomes durable with the next {@link #commit}. */
    void append(LogEntry entry) throws IOException;

    /** Makes every appended entry durable (one fsync for the whole batch), then returns. */
    void commit() throws IOException;

    /**
     * Starts a new segment at the next append (the server calls it when a snapshot begins, so that old segments
     * can be purged with the snapshots that cover them). A no-op for backends without segments.
     */
    void roll() throws IOException;

    /** The entries with zxid greater than {@code afterZxid}, oldest first. Close it when done. */
    LogReader readAfter(long afterZxid) throws IOException;

    /** Drops every entry with zxid greater than {@code zxid} (a learner told to TRUNC). */
    void truncateAfter(long zxid) throws IOException;

    /** The zxid of the newest appended entry, or 0 when the log is empty. */
    long lastZxid();

    /** Commits (fsyncs, for a durable backend) done so far: group commit makes this far smaller than appends. */
    long commitCount();
}
