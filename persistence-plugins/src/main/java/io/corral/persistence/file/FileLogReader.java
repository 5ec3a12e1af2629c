package io.corral.persistence.file;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.persistence.file.FileNames.LogFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The entries after a zxid across log files, oldest first. The set of files and the end of the file being
 * appended to are fixed when the reader is made: entries appended later are not returned. Files are opened
 * one at a time; a file purged before the reader gets to it is an error, as is any corrupt entry (recovery
 * has already cut a torn tail, so damage here is real and replay must not go past it).
 */
final class FileLogReader implements LogReader {
    private final List<LogFile> files;
    private final long afterZxid;
    private final Path liveFile;
    private final long liveLimit;
    private int next;
    private LogSegmentReader current;
    private boolean closed;

    /**
     * @param files    the log files to read, oldest first (the first may start before {@code afterZxid})
     * @param liveFile the file being appended to (null if none), read up to {@code liveLimit}
     */
    FileLogReader(List<LogFile> files, long afterZxid, Path liveFile, long liveLimit) {
        this.files = files;
        this.afterZxid = afterZxid;
        this.liveFile = liveFile;
        this.liveLimit = liveLimit;
    }

    /** The files worth reading for entries after {@code afterZxid}: from the newest that starts at or before it + 1. */
    static List<LogFile> from(List<LogFile> all, long afterZxid) {
        int first = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startZxid() <= afterZxid + 1) {
                first = i;
            }
        }
        return all.subList(first, all.size());
    }

    @Override
    public LogEntry next() throws IOException {
        while (!closed) {
            if (current == null) {
                if (next >= files.size()) {
                    return null;
                }
                Path p = files.get(next++).path();
                try {
                    current = new LogSegmentReader(p, p.equals(liveFile) ? liveLimit : -1);
                } catch (NoSuchFileException e) {
                    throw new IOException("Log file " + p + " was deleted (purged?) while the log was being read", e);
                }
                if (current.headerProblem() != null) {
                    String why = current.headerProblem();
                    closeCurrent();
                    throw new IOException("Cannot read transaction log " + p + ": " + why);
                }
            }
            LogSegmentReader.Entry e = current.next();
            if (e == null) {
                String problem = current.problem();
                long at = current.problemOffset();
                Path p = current.path();
                closeCurrent();
                if (problem != null) {
                    throw new IOException("Transaction log " + p + " is corrupt at byte offset " + at + ": " + problem
                            + ". Entries after it cannot be read; restore the file from a replica or a backup.");
                }
                continue;
            }
            if (e.zxid() > afterZxid) {
                return new LogEntry(e.zxid(), e.bytes());
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            LogSegmentReader c = current;
            current = null;
            c.close();
        }
    }
}
