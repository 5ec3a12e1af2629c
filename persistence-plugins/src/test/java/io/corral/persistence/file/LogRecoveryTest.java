package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of a batch, simulated by cutting or damaging the newest log file: reopening must give
 * exactly the entries before the damage, nothing after, and say so at WARN. Random cases come from a seed that
 * every assertion message prints ({@code -Dcorral.test.seed=<n>} replays one run).
 */
class LogRecoveryTest {
    private static final long SEED = Long.getLong("corral.test.seed", System.nanoTime());
    private static final FileSettings SETTINGS = new FileSettings(64 * 1024, true, -1);

    @TempDir
    Path root;

    /** Where each entry of the newest file ends, with the zxids of all entries of the log. */
    private record Layout(Path newest, List<Long> olderZxids, List<Long> newestZxids, List<Long> ends) {
        long dataEnd() {
            return ends.get(ends.size() - 1);
        }

        /** The zxids a reopened log must hold when the newest file is intact only up to {@code offset}. */
        List<Long> survivorsBefore(long offset) {
            List<Long> out = new ArrayList<>(olderZxids);
            for (int i = 0; i < ends.size(); i++) {
                if (ends.get(i) <= offset) {
                    out.add(newestZxids.get(i));
                }
            }
            return out;
        }
    }

    /** An older file of 5 entries and a newest one of 3 to 40 entries of random sizes. */
    private Layout writeLog(Path dir, Random rnd) throws IOException {
        List<Long> older = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long z = 0;
        try (FileTxnLog log = FileTxnLog.open(dir, SETTINGS)) {
            for (int i = 0; i < 5; i++) {
                log.append(FileTxnLogTest.sized(++z, 32 + rnd.nextInt(200)));
                older.add(z);
            }
            log.commit();
            log.roll();
            long pos = LogFormat.HEADER_SIZE;
            int n = 3 + rnd.nextInt(38);
            for (int i = 0; i < n; i++) {
                LogEntry e = FileTxnLogTest.sized(++z, 32 + rnd.nextInt(rnd.nextBoolean() ? 100 : 3000));
                log.append(e);
                pos += LogFormat.ENTRY_OVERHEAD + e.bytes().length;
                newest.add(z);
                ends.add(pos);
                if (rnd.nextInt(5) == 0) {
                    log.commit();
                }
            }
            log.commit();
        }
        return new Layout(dir.resolve(FileNames.logName(6)), older, newest, ends);
    }

    private static List<Long> zxids(FileTxnLog log) throws IOException {
        List<Long> out = new ArrayList<>();
        try (LogReader r = log.readAfter(0)) {
            for (LogEntry e = r.next(); e != null; e = r.next()) {
                out.add(e.zxid());
            }
        }
        return out;
    }

    /** Reopens, checks the survivors and that the log then goes on, and returns the WARN lines. */
    private List<String> reopenAndCheck(Path dir, List<Long> expected, String what) throws IOException {
        List<String> warnings;
        try (LogCapture logs = new LogCapture(LogRecovery.class); FileTxnLog log = FileTxnLog.open(dir, SETTINGS)) {
            warnings = logs.warnings();
            assertEquals(expected, zxids(log), what);
            long last = expected.get(expected.size() - 1);
            assertEquals(last, log.lastZxid(), what);
            log.append(FileTxnLogTest.sized(last + 1, 64));
            log.commit();
        }
        try (FileTxnLog log = FileTxnLog.open(dir, SETTINGS)) {
            List<Long> more = new ArrayList<>(expected);
            more.add(more.get(more.size() - 1) + 1);
            assertEquals(more, zxids(log), what + ", after appending past the repair and reopening");
        }
        return warnings;
    }

    @Test
    void aNewestFileCutAtAnyOffsetKeepsExactlyTheWholeEntriesBeforeTheCut() throws IOException {
        Random rnd = new Random(SEED);
        for (int trial = 0; trial < 60; trial++) {
            Path dir = Files.createDirectory(root.resolve("cut" + trial));
            Layout l = writeLog(dir, rnd);
            long cut = LogFormat.HEADER_SIZE + (long) (rnd.nextDouble() * (l.dataEnd() - LogFormat.HEADER_SIZE + 1));
            boolean zeroFill = rnd.nextBoolean(); // a torn write inside the preallocated area leaves zeros
            try (RandomAccessFile f = new RandomAccessFile(l.newest().toFile(), "rw")) {
                long size = f.length();
                f.setLength(cut);
                if (zeroFill) {
                    f.setLength(size);
                }
            }
            String what = "seed " + SEED + " trial " + trial + ": cut at " + cut + (zeroFill ? " (zero-filled)" : "")
                    + " of " + l.dataEnd() + " bytes of entries ending at " + l.ends();
            List<String> warnings = reopenAndCheck(dir, l.survivorsBefore(cut), what);
            boolean midEntry = cut > LogFormat.HEADER_SIZE && !l.ends().contains(cut);
            if (midEntry && !zeroFill) {
                assertTrue(warnings.stream().anyMatch(w -> w.contains(l.newest().toString())
                        && w.contains("offset " + lastBoundaryBefore(l, cut))), what + ": " + warnings);
            }
        }
    }

    @Test
    void aFlippedByteInTheNewestFileDropsItsEntryAndEverythingAfterWithAWarning() throws IOException {
        Random rnd = new Random(SEED + 1);
        for (int trial = 0; trial < 60; trial++) {
            Path dir = Files.createDirectory(root.resolve("flip" + trial));
            Layout l = writeLog(dir, rnd);
            // Damage the tail half of the entries, where a torn batch would be.
            long from = l.ends().get(l.ends().size() / 2) - 1;
            long at = from + (long) (rnd.nextDouble() * (l.dataEnd() - from));
            int xor = 1 + rnd.nextInt(255);
            try (RandomAccessFile f = new RandomAccessFile(l.newest().toFile(), "rw")) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ xor);
            }
            String what = "seed " + (SEED + 1) + " trial " + trial + ": byte " + at + " ^ 0x" + Integer.toHexString(xor)
                    + ", entries ending at " + l.ends();
            List<String> warnings = reopenAndCheck(dir, l.survivorsBefore(at), what);
            long entryStart = lastBoundaryBefore(l, at + 1);
            assertTrue(warnings.stream().anyMatch(w -> w.contains(l.newest().toString())
                    && w.contains("offset " + entryStart) && w.contains("dropped")), what + ": " + warnings);
        }
    }

    /** The start of the entry holding byte {@code offset - 1}: the end of the last whole entry before it. */
    private static long lastBoundaryBefore(Layout l, long offset) {
        long b = LogFormat.HEADER_SIZE;
        for (long end : l.ends()) {
            if (end < offset) {
                b = end;
            }
        }
        return b;
    }

    @Test
    void theWarningNamesFileOffsetEntriesKeptAndBytesDropped() throws IOException {
        Path dir = root;
        try (FileTxnLog log = FileTxnLog.open(dir, SETTINGS)) {
            for (long z = 1; z <= 3; z++) {
                log.append(FileTxnLogTest.sized(z, 100));
            }
            log.commit();
        }
        Path file = dir.resolve("log.1");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(16 + 113 + 113 + 50); // inside the third entry's bytes
            f.write(0xEE);
        }
        try (LogCapture logs = new LogCapture(LogRecovery.class); FileTxnLog log = FileTxnLog.open(dir, SETTINGS)) {
            assertEquals(2, log.lastZxid());
            String w = logs.warnings().get(0);
            assertTrue(w.contains(file.toString()), w);
            assertTrue(w.contains("byte offset 242"), w);
            assertTrue(w.contains("checksum mismatch"), w);
            assertTrue(w.contains("Kept the 2 entries"), w);
            assertTrue(w.contains("dropped 113 bytes"), w);
        }
        assertEquals(242, Files.size(file), "cut right after the last intact entry");
    }

    @Test
    void aNewestFileWithoutAnyEntryIsDeletedAndTheOneBeforeItGivesTheLastZxid() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            for (long z = 1; z <= 5; z++) {
                log.append(FileTxnLogTest.sized(z, 40));
            }
            log.commit();
            log.roll();
            log.append(FileTxnLogTest.sized(6, 40));
            log.commit();
        }
        // The crash came after the file was created and preallocated, before its first write reached the disk.
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("log.6").toFile(), "rw")) {
            f.write(new byte[16 + 13 + 40]);
        }
        try (FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            assertEquals(5, log.lastZxid());
            assertFalse(Files.exists(root.resolve("log.6")));
            log.append(FileTxnLogTest.sized(6, 40));
            log.commit();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), zxids(log));
        }
    }

    @Test
    void aNewestFileShorterThanItsHeaderIsDeletedWithAWarning() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            log.append(FileTxnLogTest.sized(1, 40));
            log.commit();
        }
        Files.write(root.resolve("log.2"), new byte[] {0x5A, 0x4B, 0x4C});
        try (LogCapture logs = new LogCapture(LogRecovery.class); FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            assertEquals(1, log.lastZxid());
            assertFalse(Files.exists(root.resolve("log.2")));
            assertTrue(logs.warnings().get(0).contains("log.2"), logs.warnings().toString());
        }
    }

    @Test
    void aForeignFileNamedLikeALogStopsTheOpenInsteadOfBeingDeleted() throws IOException {
        Files.write(root.resolve("log.1"), "this is not a transaction log at all".getBytes());
        IOException e = assertThrows(IOException.class, () -> FileTxnLog.open(root, SETTINGS));
        assertTrue(e.getMessage().contains("log.1") && e.getMessage().contains("magic"), e.getMessage());
        assertTrue(Files.exists(root.resolve("log.1")));
    }

    @Test
    void damageInAnOlderFileIsNotRepairedButFailsTheReader() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            for (long z = 1; z <= 4; z++) {
                log.append(FileTxnLogTest.sized(z, 100));
            }
            log.roll();
            log.append(FileTxnLogTest.sized(5, 100));
            log.commit();
        }
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("log.1").toFile(), "rw")) {
            f.seek(16 + 113 + 60);
            f.write(0);
        }
        try (FileTxnLog log = FileTxnLog.open(root, SETTINGS)) {
            assertEquals(5, log.lastZxid());
            try (LogReader r = log.readAfter(0)) {
                assertEquals(1, r.next().zxid());
                IOException e = assertThrows(IOException.class, r::next);
                assertTrue(e.getMessage().contains("log.1") && e.getMessage().contains("offset 129"), e.getMessage());
            }
            try (LogReader r = log.readAfter(4)) {
                assertEquals(5, r.next().zxid(), "a reader that starts past the damage is not affected");
            }
        }
    }
}
