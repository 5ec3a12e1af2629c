package io.corral.persistence.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Cuts one log file right after the last entry with a zxid at or below a given one (a learner's TRUNC). */
final class LogTruncation {
    private LogTruncation() {
    }

    /**
     * Keeps the entries of {@code path} up to {@code zxid} and cuts the file after them (durably).
     * Returns the zxid of the last entry kept, or -1 when none is (the caller deletes the file).
     */
    static long cutAfter(Path path, long zxid) throws IOException {
        long keepEnd = -1;
        long lastKept = -1;
        boolean later = false;
        try (LogSegmentReader r = new LogSegmentReader(path, -1)) {
            if (r.headerProblem() != null) {
                if (r.headerTorn()) {
                    return -1;
                }
                throw new IOException("Cannot truncate " + path + ": " + r.headerProblem());
            }
            for (LogSegmentReader.Entry e = r.next(); e != null; e = r.next()) {
                if (e.zxid() > zxid) {
                    later = true;
                    break;
                }
                keepEnd = e.end();
                lastKept = e.zxid();
            }
            if (!later && r.problem() != null) {
                throw new IOException("Cannot truncate " + path + " after 0x" + Long.toHexString(zxid)
                        + ": it is corrupt at byte offset " + r.problemOffset() + " (" + r.problem() + ")");
            }
        }
        if (later && lastKept >= 0) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(keepEnd);
                ch.force(true);
            }
        }
        return lastKept;
    }
}
