package io.corral.persistence.file;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.TxnLog;
import io.corral.persistence.file.FileNames.LogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction log as ZooKeeper lays it out: files {@code log.<hex zxid of first entry>} in one directory,
 * each a header and framed entries (see {@link LogFormat}), preallocated (see {@link LogSegmentWriter}).
 *
 * <p>Durability: {@link #commit} flushes the buffer and forces the file once, however many entries the batch
 * holds. A new file is started at the first append after {@link #roll}, after a commit that left the file past
 * {@code txnLogSizeLimitInKb}, after {@link #truncateAfter} and after every open (as ZooKeeper does); the file
 * it replaces is forced first if it holds unforced bytes, so that only the newest file can ever have a torn
 * tail, which {@link LogRecovery} cuts off at open. The first commit into a new file also fsyncs the directory,
 * so that the file itself survives a crash.
 *
 * <p>Threads: the log stage calls append, commit, roll and truncateAfter; readers may call readAfter and
 * lastZxid from any thread. All state changes hold this object's lock; a reader takes it only to flush the
 * buffer and note where the log ends, then reads the files without it.
 */
public final class FileTxnLog implements TxnLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileTxnLog.class);

    private final Path dir;
    private final FileSettings settings;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();
    private LogSegmentWriter writer;
    private boolean rollRequested;
    private boolean closed;
    /** The first write or fsync failure: after it, what reached the disk is unknown, so nothing more is tried. */
    private IOException failure;
    private volatile long lastZxid;

    private FileTxnLog(Path dir, FileSettings settings, long lastZxid) {
        this.dir = dir;
        this.settings = settings;
        this.lastZxid = lastZxid;
    }

    /** Opens the log in {@code dir} (a version-2 directory), cutting off a torn tail first. */
    static FileTxnLog open(Path dir, FileSettings settings) throws IOException {
        long last = LogRecovery.recover(dir);
        if (!settings.forceSync()) {
            LOG.warn("forceSync=no: the transaction log in {} is never fsynced, so a power loss or OS crash can lose "
                    + "or corrupt writes that clients were told succeeded. Use it only for data you can lose.", dir);
        }
        LOG.info("Transaction log in {}: last zxid 0x{}, preAllocSize {} KB, forceSync {}, txnLogSizeLimitInKb {}",
                dir, Long.toHexString(last), settings.preAllocBytes() / 1024, settings.forceSync() ? "yes" : "no",
                settings.logSizeLimitBytes() > 0 ? settings.logSizeLimitBytes() / 1024 : "off");
        return new FileTxnLog(dir, settings, last);
    }

    Path directory() {
        return dir;
    }

    @Override
    public synchronized void append(LogEntry entry) throws IOException {
        ensureOpen();
        byte[] bytes = entry.bytes();
        if (bytes.length < LogFormat.TXN_HEADER_SIZE) {
            throw new IllegalArgumentException("entry 0x" + Long.toHexString(entry.zxid()) + " has " + bytes.length
                    + " bytes: a log entry starts with a " + LogFormat.TXN_HEADER_SIZE + "-byte TxnHeader");
        }
        long headerZxid = LogFormat.zxidOf(bytes);
        if (headerZxid != entry.zxid()) {
            throw new IllegalArgumentException("entry 0x" + Long.toHexString(entry.zxid())
                    + " carries a TxnHeader with zxid 0x" + Long.toHexString(headerZxid)
                    + ": the file format keeps only the header's, so they must agree");
        }
        if (entry.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid 0x" + Long.toHexString(entry.zxid()) + " appended after 0x"
                    + Long.toHexString(lastZxid) + ": zxids must increase");
        }
        try {
            if (writer == null || rollRequested) {
                startFile(entry.zxid());
            }
            writer.append(bytes);
        } catch (IOException e) {
            throw fail(e);
        }
        lastZxid = entry.zxid();
    }

    private void startFile(long firstZxid) throws IOException {
        retireWriter();
        writer = LogSegmentWriter.create(dir, firstZxid, settings.preAllocBytes());
        rollRequested = false;
        LOG.info("Started transaction log file {}", writer.path());
    }

    /** Flushes and (with forceSync) forces the current file, then closes it: only the next file may be torn. */
    private void retireWriter() throws IOException {
        if (writer == null) {
            return;
        }
        LogSegmentWriter w = writer;
        writer = null;
        try (w) {
            w.flush();
            makeDurable(w);
        }
    }

    private void makeDurable(LogSegmentWriter w) throws IOException {
        if (!settings.forceSync()) {
            return;
        }
        if (w.unforced()) {
            w.force();
            forces.incrementAndGet();
        }
        if (!w.directoryEntryDurable()) {
            Directories.sync(dir);
            w.markDirectoryEntryDurable();
        }
    }

    @Override
    public synchronized void commit() throws IOException {
        ensureOpen();
        if (writer != null) {
            try {
                writer.flush();
                makeDurable(writer);
            } catch (IOException e) {
                throw fail(e);
            }
            if (settings.logSizeLimitBytes() > 0 && writer.position() > settings.logSizeLimitBytes()) {
                rollRequested = true;
            }
        }
        commits.incrementAndGet();
    }

    @Override
    public synchronized void roll() throws IOException {
        ensureOpen();
        if (writer != null) {
            rollRequested = true;
        }
    }

    @Override
    public LogReader readAfter(long afterZxid) throws IOException {
        List<LogFile> files;
        Path live = null;
        long liveLimit = -1;
        synchronized (this) {
            ensureOpen();
            if (writer != null) {
                try {
                    writer.flush();
                } catch (IOException e) {
                    throw fail(e);
                }
                live = writer.path();
                liveLimit = writer.position();
            }
            files = FileNames.listLogs(dir);
        }
        return new FileLogReader(FileLogReader.from(files, afterZxid), afterZxid, live, liveLimit);
    }

    @Override
    public synchronized void truncateAfter(long zxid) throws IOException {
        ensureOpen();
        if (zxid >= lastZxid) {
            return;
        }
        long newLast;
        try {
            retireWriter();
            rollRequested = false;
            newLast = cutEverythingAfter(zxid);
        } catch (IOException e) {
            throw fail(e);
        }
        lastZxid = newLast;
        LOG.info("Truncated the transaction log after 0x{}; its last entry is now 0x{}", Long.toHexString(zxid),
                Long.toHexString(newLast));
    }

    /** Deletes the files that start after {@code zxid}, cuts the one holding it; returns the last zxid kept. */
    private long cutEverythingAfter(long zxid) throws IOException {
        List<LogFile> logs = FileNames.listLogs(dir);
        try {
            // Newest first, so that a crash half way leaves a log without holes.
            for (int i = logs.size() - 1; i >= 0; i--) {
                LogFile f = logs.get(i);
                long kept = f.startZxid() > zxid ? -1 : LogTruncation.cutAfter(f.path(), zxid);
                if (kept >= 0) {
                    return kept;
                }
                Files.delete(f.path());
                LOG.info("Truncating the log after 0x{}: deleted {}", Long.toHexString(zxid), f.path());
            }
            return 0;
        } finally {
            Directories.sync(dir);
        }
    }

    @Override
    public long lastZxid() {
        return lastZxid;
    }

    @Override
    public long commitCount() {
        return commits.get();
    }

    /** fsyncs of log files so far (commits, plus one when a file with unforced bytes is retired). */
    long forceCount() {
        return forces.get();
    }

    /** The file being appended to, or null before the first append of this open (or after a roll/truncate). */
    synchronized Path currentFile() {
        return writer == null ? null : writer.path();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The transaction log in " + dir + " is closed");
        }
        if (failure != null) {
            throw new IOException("The transaction log in " + dir + " failed earlier (" + failure.getMessage()
                    + ") and takes no more writes: restart the server, which repairs the log's tail", failure);
        }
    }

    /**
     * Remembers a write or fsync failure. Retrying is not safe: after a failed fsync the OS may have dropped the
     * dirty pages and report success next time (PostgreSQL's "fsyncgate"). A restart re-reads the disk instead.
     */
    private IOException fail(IOException e) {
        failure = e;
        LOG.error("Writing the transaction log in {} failed; it takes no more writes until a restart", dir, e);
        return e;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        retireWriter();
    }
}
