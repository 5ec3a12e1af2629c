package io.corral.api.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

/**
 * The transaction log of a backend.
 *
 * <p>Contract: the server calls {@link #append} and {@link #commit} from one thread (the log stage), with
 * strictly increasing zxids. Entries appended since the last commit may be lost in a crash; once
 * {@link #commit} returns, every appended entry survives one. The server answers no client about a write
 * before the commit that covers it has returned, so a backend must never return early from commit.
 */
public interface TxnLog extends Closeable {

    /** Buffers one entry; it becomes durable with the next {@link #commit}. */
    void append(LogEntry entry) throws IOException;

    /** Makes every appended entry durable (one fsync for the whole batch), then returns. */
    void commit() throws IOException;

    /** The entries with zxid greater than {@code afterZxid}, oldest first. */
    Iterator<LogEntry> readAfter(long afterZxid) throws IOException;

    /** Drops every entry with zxid greater than {@code zxid} (a learner told to TRUNC, or a torn tail). */
    void truncateAfter(long zxid) throws IOException;

    /** The zxid of the newest appended entry, or 0 when the log is empty. */
    long lastZxid();
}
