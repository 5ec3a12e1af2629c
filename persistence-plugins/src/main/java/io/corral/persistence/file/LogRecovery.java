package io.corral.persistence.file;

import io.corral.persistence.file.FileNames.LogFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs when the log opens. A crash can leave the newest log file with a torn last batch (a partial entry, or
 * garbage where a write never landed) or with no entry at all (created, never committed). Only the newest file
 * can be in that state: {@link FileTxnLog} forces a file before it starts the next one.
 *
 * <p>The first entry that is not whole and intact (bad checksum, length past EOF or negative, missing 0x42)
 * ends the log: the file is cut right before it, with a WARN naming the file, the offset and what was dropped.
 * Nothing after it was committed, since a commit fsyncs all of it, so cutting loses no acknowledged write;
 * and keeping it would hand corrupt entries to replay. A file left without entries is deleted, and the file
 * before it is examined the same way.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    private LogRecovery() {
    }

    /** Repairs the tail of the log in {@code dir}; returns the zxid of its last entry, or 0 when it has none. */
    static long recover(Path dir) throws IOException {
        List<LogFile> logs = FileNames.listLogs(dir);
        boolean deleted = false;
        try {
            for (int i = logs.size() - 1; i >= 0; i--) {
                long last = repair(logs.get(i).path());
                if (last >= 0) {
                    return last;
                }
                Files.delete(logs.get(i).path());
                deleted = true;
            }
            return 0;
        } finally {
            if (deleted) {
                Directories.sync(dir);
            }
        }
    }

    /** Cuts a torn tail off {@code path}; returns its last zxid, or -1 when it holds no entry (delete it). */
    private static long repair(Path path) throws IOException {
        LogSegmentReader.Entry last = null;
        String problem;
        long cut;
        long entries;
        long size;
        try (LogSegmentReader r = new LogSegmentReader(path, -1)) {
            if (r.headerProblem() != null) {
                if (!r.headerTorn()) {
                    throw new IOException("Cannot open the transaction log: " + path + " is not a log Corral or "
                            + "ZooKeeper wrote (" + r.headerProblem() + "). Move it out of the log directory.");
                }
                LOG.warn("Transaction log {}: {}; it holds no entry and is deleted", path, r.headerProblem());
                return -1;
            }
            for (LogSegmentReader.Entry e = r.next(); e != null; e = r.next()) {
                last = e;
            }
            problem = r.problem();
            cut = r.problemOffset();
            entries = r.entries();
            size = r.fileSize();
        }
        if (problem != null) {
            long damagedEnd;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                damagedEnd = LogSegmentReader.endOfNonZero(ch, cut);
                ch.truncate(cut);
                ch.force(true);
            }
            LOG.warn("Transaction log {} has a torn or corrupt entry at byte offset {} ({}). Kept the {} entries "
                            + "before it{}; dropped {} bytes of data after it (the file had {} bytes, preallocation "
                            + "included) and cut the file to {} bytes. The dropped entries were never committed "
                            + "unless the disk lost acknowledged writes.",
                    path, cut, problem, entries,
                    last == null ? "" : " (last zxid 0x" + Long.toHexString(last.zxid()) + ")",
                    Math.max(0, damagedEnd - cut), size, cut);
        }
        if (last == null) {
            if (problem == null) {
                LOG.info("Transaction log {} holds no entry; it is deleted", path);
            }
            return -1;
        }
        return last.zxid();
    }
}
