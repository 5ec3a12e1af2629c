package io.corral.persistence.file;

import io.corral.persistence.file.FileNames.LogFile;
import io.corral.persistence.file.FileNames.SnapshotFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention, with ZooKeeper's rule (its PurgeTxnLog): keep the {@code retain} newest snapshots that pass the
 * quick validity check; with Z the zxid of the oldest of them, delete every snapshot file older than Z and every
 * log file that starts before the newest log starting at or before Z. That log is kept because it holds the
 * entries right after Z (replay of snapshot Z starts there); everything older only serves deleted snapshots.
 * Snapshot files newer than Z, valid or not, are left alone. It never touches the file being appended to,
 * which is the newest log.
 */
final class Purger {
    private static final Logger LOG = LoggerFactory.getLogger(Purger.class);

    /** What was deleted. */
    record Result(long oldestKeptZxid, List<Path> deleted) {
    }

    private Purger() {
    }

    static Result purge(Path snapDir, Path logDir, int retain) throws IOException {
        if (retain < 1) {
            throw new IllegalArgumentException("retain count must be at least 1, not " + retain);
        }
        List<Long> kept = new ArrayList<>();
        for (SnapshotFile f : FileNames.listSnapshots(snapDir)) {
            if (kept.size() == retain) {
                break;
            }
            if (!kept.contains(f.zxid()) && looksComplete(f)) {
                kept.add(f.zxid());
            }
        }
        List<Path> deleted = new ArrayList<>();
        if (kept.isEmpty()) {
            return new Result(-1, deleted); // nothing to replay from: every log is still needed
        }
        long oldest = kept.get(kept.size() - 1);
        for (SnapshotFile f : FileNames.listSnapshots(snapDir)) {
            if (f.zxid() < oldest) {
                delete(f.path(), deleted);
            }
        }
        List<LogFile> logs = FileNames.listLogs(logDir);
        long firstNeeded = -1;
        for (LogFile l : logs) {
            if (l.startZxid() <= oldest) {
                firstNeeded = l.startZxid();
            }
        }
        for (LogFile l : logs) {
            if (l.startZxid() < firstNeeded) {
                delete(l.path(), deleted);
            }
        }
        if (!deleted.isEmpty()) {
            Directories.sync(snapDir);
            if (!logDir.equals(snapDir)) {
                Directories.sync(logDir);
            }
        }
        return new Result(oldest, deleted);
    }

    private static boolean looksComplete(SnapshotFile f) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            return SnapshotFiles.quickCheck(f, ch) == null;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void delete(Path p, List<Path> deleted) throws IOException {
        if (Files.deleteIfExists(p)) {
            LOG.info("Purged {}", p);
            deleted.add(p);
        }
    }
}
