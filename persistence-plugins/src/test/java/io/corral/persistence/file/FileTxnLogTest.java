package io.corral.persistence.file;

import static io.corral.api.persistence.PersistenceFixtures.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTxnLogTest {
    private static final long STEP = 64 * 1024;

    @TempDir
    Path dir;

    private FileTxnLog open(long preAllocBytes, boolean forceSync, long limitBytes) throws IOException {
        return FileTxnLog.open(dir, new FileSettings(preAllocBytes, forceSync, limitBytes));
    }

    /** An entry whose TxnHeader says {@code zxid}, {@code size} bytes in all. */
    static LogEntry sized(long zxid, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putLong(7).putInt(1).putLong(zxid).putLong(0).putInt(5);
        while (b.hasRemaining()) {
            b.put((byte) (b.position() * zxid));
        }
        return new LogEntry(zxid, b.array());
    }

    @Test
    void preallocatesInWholeStepsAheadOfTheWritesAndKeepsTheTailZero() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            long position = LogFormat.HEADER_SIZE;
            for (long z = 1; z <= 300; z++) {
                LogEntry e = sized(z, 200 + (int) (z * 7 % 900));
                log.append(e);
                position += LogFormat.ENTRY_OVERHEAD + e.bytes().length;
                if (z % 10 == 0) {
                    log.commit();
                    Path file = dir.resolve("log.1");
                    long size = Files.size(file);
                    assertEquals(0, (size - LogFormat.HEADER_SIZE) % STEP, "size " + size + " is 16 + k * step");
                    assertTrue(size >= position + LogSegmentWriter.PREALLOC_MARGIN, "allocated ahead of " + position);
                    assertTrue(size - STEP < position + LogSegmentWriter.PREALLOC_MARGIN, "no step more than needed");
                    byte[] all = Files.readAllBytes(file);
                    assertTrue(LogFormat.allZero(all, (int) position, (int) (size - position)), "zero tail");
                }
            }
        }
    }

    @Test
    void anEntryLargerThanAStepAndTheBufferGetsEnoughSteps() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            LogEntry big = sized(1, 300_000);
            log.append(big);
            log.append(sized(2, 100));
            log.commit();
            long size = Files.size(dir.resolve("log.1"));
            long position = 16 + 13 + 300_000 + 13 + 100;
            assertEquals(16 + STEP * ((position + 4096 - 16 + STEP - 1) / STEP), size);
            try (LogReader r = log.readAfter(0)) {
                assertArrayEquals(big.bytes(), r.next().bytes());
                assertEquals(2, r.next().zxid());
            }
        }
    }

    @Test
    void theDefaultPreallocationIs64MiBAsInZooKeeper() throws IOException {
        FileSettings defaults = FileSettings.parse(java.util.Map.of());
        try (FileTxnLog log = FileTxnLog.open(dir, defaults)) {
            log.append(entry(1));
            log.commit();
        }
        assertEquals(67_108_880L, Files.size(dir.resolve("log.1")));
    }

    @Test
    void withoutPreallocationTheFileEndsAtTheLastEntry() throws IOException {
        try (FileTxnLog log = open(0, true, -1)) {
            log.append(sized(1, 50));
            log.commit();
        }
        assertEquals(16 + 13 + 50, Files.size(dir.resolve("log.1")));
    }

    @Test
    void theFileIsZooKeepersFormatByteForByte() throws IOException {
        LogEntry a = entry(1);
        LogEntry b = entry(2);
        try (FileTxnLog log = open(STEP, true, -1)) {
            log.append(a);
            log.append(b);
            log.commit();
        }
        ByteBuffer f = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("log.1")));
        assertEquals(0x5A4B4C47, f.getInt(), "ZKLG");
        assertEquals(2, f.getInt());
        assertEquals(0, f.getLong(), "dbid");
        for (LogEntry e : List.of(a, b)) {
            Adler32 adler = new Adler32();
            adler.update(e.bytes());
            assertEquals(adler.getValue(), f.getLong(), "checksum");
            assertEquals(e.bytes().length, f.getInt());
            byte[] bytes = new byte[e.bytes().length];
            f.get(bytes);
            assertArrayEquals(e.bytes(), bytes);
            assertEquals(0x42, f.get());
        }
        assertEquals(0, f.getLong());
        assertEquals(0, f.getInt(), "a zero length ends the log");
    }

    @Test
    void manyAppendsAndOneCommitForceTheFileOnce() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            for (long z = 1; z <= 1000; z++) {
                log.append(entry(z));
            }
            log.commit();
            assertEquals(1, log.commitCount());
            assertEquals(1, log.forceCount());
            log.commit(); // nothing new: nothing to force
            assertEquals(2, log.commitCount());
            assertEquals(1, log.forceCount());
            for (long z = 1001; z <= 1100; z++) {
                log.append(entry(z));
            }
            log.commit();
            assertEquals(2, log.forceCount());
        }
    }

    @Test
    void forceSyncNoNeverForcesAndWarnsAtOpen() throws IOException {
        try (LogCapture logs = new LogCapture(FileTxnLog.class); FileTxnLog log = open(STEP, false, -1)) {
            assertTrue(logs.warnings().stream().anyMatch(w -> w.contains("forceSync=no")), logs.warnings().toString());
            for (long z = 1; z <= 10; z++) {
                log.append(entry(z));
                log.commit();
            }
            assertEquals(0, log.forceCount());
            assertEquals(10, log.commitCount());
        }
    }

    @Test
    void aFileIsNamedAfterItsFirstZxidAndEachOpenStartsANewOne() throws IOException {
        long e1 = 0x5_0000_0000L;
        try (FileTxnLog log = open(STEP, true, -1)) {
            log.append(entry(e1 + 1));
            log.append(entry(e1 + 2));
            log.roll();
            log.append(entry(e1 + 0x1f));
            log.commit();
        }
        try (FileTxnLog log = open(STEP, true, -1)) {
            assertEquals(e1 + 0x1f, log.lastZxid());
            log.append(entry(e1 + 0x20));
            log.commit();
        }
        assertEquals(List.of("log.500000001", "log.50000001f", "log.500000020"), logNames());
    }

    @Test
    void txnLogSizeLimitStartsANewFileAfterTheCommitThatPassesIt() throws IOException {
        try (FileTxnLog log = open(STEP, true, 1024)) {
            for (long z = 1; z <= 30; z++) {
                log.append(sized(z, 100));
                log.commit();
            }
            List<LogEntry> all = new ArrayList<>();
            try (LogReader r = log.readAfter(0)) {
                for (LogEntry e = r.next(); e != null; e = r.next()) {
                    all.add(e);
                }
            }
            assertEquals(30, all.size());
        }
        // 16 + 113 bytes per entry: a file passes 1024 bytes with its 9th entry.
        assertEquals(List.of("log.1", "log.a", "log.13", "log.1c"), logNames());
    }

    @Test
    void aRetiredFileWithUnforcedEntriesIsForcedBeforeTheNextFileStarts() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            log.append(entry(1));
            log.roll();
            log.append(entry(2)); // retires log.1, whose entry was never committed
            assertEquals(1, log.forceCount());
            log.commit();
            assertEquals(2, log.forceCount());
        }
    }

    @Test
    void appendedEntriesAreReadableBeforeTheCommitAndAReaderStopsWhereTheLogEndedWhenItWasMade()
            throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            log.append(entry(1));
            log.append(entry(2));
            try (LogReader r = log.readAfter(0)) {
                log.append(entry(3));
                log.commit();
                assertEquals(1, r.next().zxid());
                assertEquals(2, r.next().zxid());
                assertEquals(null, r.next());
            }
        }
    }

    @Test
    void entriesMustStartWithATxnHeaderCarryingTheirZxid() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            assertThrows(IllegalArgumentException.class, () -> log.append(new LogEntry(1, new byte[31])));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.append(new LogEntry(2, entry(3).bytes())));
            assertTrue(e.getMessage().contains("0x3"), e.getMessage());
            log.append(entry(2));
        }
    }

    @Test
    void aClosedLogRefusesWork() throws IOException {
        FileTxnLog log = open(STEP, true, -1);
        log.append(entry(1));
        log.close();
        assertThrows(IOException.class, () -> log.append(entry(2)));
        assertThrows(IOException.class, log::commit);
        log.close();
        try (FileTxnLog again = open(STEP, true, -1)) {
            assertEquals(1, again.lastZxid(), "close flushes what was appended");
        }
    }

    @Test
    void afterAWriteFailureTheLogRefusesEverythingUntilReopened() throws IOException {
        try (FileTxnLog log = open(STEP, true, -1)) {
            log.append(entry(1));
            log.commit();
            log.roll();
            Files.createDirectory(dir.resolve("log.2")); // the next file cannot be created
            assertThrows(IOException.class, () -> log.append(entry(2)));
            IOException e = assertThrows(IOException.class, () -> log.append(entry(3)));
            assertTrue(e.getMessage().contains("failed earlier"), e.getMessage());
            assertThrows(IOException.class, log::commit);
            assertThrows(IOException.class, () -> log.truncateAfter(0));
            assertEquals(1, log.lastZxid());
        }
        Files.delete(dir.resolve("log.2"));
        try (FileTxnLog log = open(STEP, true, -1)) {
            assertEquals(1, log.lastZxid());
            log.append(entry(2));
            log.commit();
        }
    }

    private List<String> logNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (FileNames.LogFile f : FileNames.listLogs(dir)) {
            names.add(f.path().getFileName().toString());
        }
        return names;
    }
}
