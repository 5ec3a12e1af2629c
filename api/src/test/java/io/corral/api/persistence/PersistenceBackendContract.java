package io.corral.api.persistence;

import static io.corral.api.persistence.PersistenceFixtures.entry;
import static io.corral.api.persistence.PersistenceFixtures.node;
import static io.corral.api.persistence.PersistenceFixtures.sampleSnapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corral.api.persistence.PersistenceFixtures.RecordingSink;
import io.corral.api.persistence.PersistenceFixtures.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistence SPI's contract, written once and run against every backend: a plugin module extends this
 * class and says how to open its backend. Durable backends also answer {@link #survivesReopen()} with true,
 * which turns on the tests that close a backend and open it again on the same directory.
 *
 * <p>Entries are built as the server builds them ({@link PersistenceFixtures#entry}), starting with a 32-byte
 * TxnHeader that carries the entry's zxid; backends may derive the zxid from it.
 */
public abstract class PersistenceBackendContract {
    @TempDir
    protected Path dir;

    private final List<PersistenceBackend> opened = new ArrayList<>();

    /** Opens the backend keeping its files (if it has any) under {@code dir}; called again to reopen. */
    protected abstract PersistenceBackend open(Path dir) throws IOException;

    /** True when what was committed before {@link PersistenceBackend#close()} is there after {@link #open}. */
    protected abstract boolean survivesReopen();

    /** Opens a backend that the contract closes after the test. */
    protected final PersistenceBackend backend() throws IOException {
        PersistenceBackend b = open(dir);
        opened.add(b);
        return b;
    }

    @AfterEach
    void closeBackends() throws IOException {
        for (PersistenceBackend b : opened) {
            b.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    protected static void appendAll(TxnLog log, long fromZxid, long toZxid) throws IOException {
        for (long z = fromZxid; z <= toZxid; z++) {
            log.append(entry(z));
        }
    }

    /** Reads everything after {@code afterZxid} and checks it is exactly {@code expected}, byte for byte. */
    protected static void assertLog(TxnLog log, long afterZxid, List<Long> expected) throws IOException {
        List<LogEntry> got = readAll(log, afterZxid);
        List<Long> zxids = new ArrayList<>();
        for (LogEntry e : got) {
            zxids.add(e.zxid());
        }
        assertEquals(expected, zxids, "zxids read after 0x" + Long.toHexString(afterZxid));
        for (LogEntry e : got) {
            assertArrayEquals(entry(e.zxid()).bytes(), e.bytes(), "bytes of entry 0x" + Long.toHexString(e.zxid()));
        }
    }

    protected static List<LogEntry> readAll(TxnLog log, long afterZxid) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        try (LogReader r = log.readAfter(afterZxid)) {
            for (LogEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    protected static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long z = from; z <= to; z++) {
            out.add(z);
        }
        return out;
    }

    // ---------------------------------------------------------------- log

    @Test
    void emptyBackendHasNothing() throws IOException {
        PersistenceBackend b = backend();
        assertEquals(0, b.log().lastZxid());
        assertEquals(0, b.log().commitCount());
        assertLog(b.log(), 0, List.of());
        assertEquals(List.of(), b.snapshots().list());
        assertEquals(-1, b.snapshots().loadNewest(new RecordingSink()));
    }

    @Test
    void committedEntriesReadBackInOrderByteForByte() throws IOException {
        TxnLog log = backend().log();
        appendAll(log, 1, 50);
        log.commit();
        assertEquals(50, log.lastZxid());
        assertLog(log, 0, range(1, 50));
        assertLog(log, 20, range(21, 50));
        assertLog(log, 49, List.of(50L));
        assertLog(log, 50, List.of());
        assertLog(log, 1000, List.of());
    }

    @Test
    void readAfterWorksWithEpochZxidsAndZxidsBetweenEntries() throws IOException {
        TxnLog log = backend().log();
        long e1 = 1L << 32;
        long e2 = 2L << 32;
        List<Long> all = List.of(e1 + 1, e1 + 2, e1 + 5, e2 + 1, e2 + 2);
        for (long z : all) {
            log.append(entry(z));
        }
        log.commit();
        assertEquals(e2 + 2, log.lastZxid());
        assertLog(log, 0, all);
        assertLog(log, e1 + 3, List.of(e1 + 5, e2 + 1, e2 + 2));
        assertLog(log, e1 + 5, List.of(e2 + 1, e2 + 2));
        assertLog(log, e2, List.of(e2 + 1, e2 + 2));
    }

    @Test
    void oneCommitCoversAWholeBatch() throws IOException {
        TxnLog log = backend().log();
        appendAll(log, 1, 200);
        log.commit();
        assertEquals(1, log.commitCount());
        appendAll(log, 201, 202);
        log.commit();
        log.append(entry(203));
        log.commit();
        assertEquals(3, log.commitCount());
        assertLog(log, 0, range(1, 203));
    }

    @Test
    void zxidsMustIncrease() throws IOException {
        TxnLog log = backend().log();
        log.append(entry(5));
        assertThrows(IllegalArgumentException.class, () -> log.append(entry(5)));
        assertThrows(IllegalArgumentException.class, () -> log.append(entry(4)));
        log.append(entry(6));
        log.commit();
        assertLog(log, 0, List.of(5L, 6L));
    }

    @Test
    void rollsDoNotChangeWhatIsRead() throws IOException {
        TxnLog log = backend().log();
        log.roll(); // before anything: harmless
        appendAll(log, 1, 3);
        log.commit();
        log.roll();
        appendAll(log, 4, 6);
        log.roll(); // inside a batch
        log.roll(); // twice: still one new segment
        appendAll(log, 7, 9);
        log.commit();
        log.roll();
        log.append(entry(10));
        log.commit();
        assertEquals(10, log.lastZxid());
        for (long after = 0; after <= 10; after++) {
            assertLog(log, after, range(after + 1, 10));
        }
    }

    @Test
    void truncateAfterDropsLaterEntriesAcrossSegments() throws IOException {
        TxnLog log = backend().log();
        appendAll(log, 1, 4);
        log.roll();
        appendAll(log, 5, 8);
        log.roll();
        appendAll(log, 9, 12);
        log.commit();
        log.truncateAfter(6);
        assertEquals(6, log.lastZxid());
        assertLog(log, 0, range(1, 6));
        // The log goes on from the truncation point.
        appendAll(log, 7, 9);
        log.commit();
        assertEquals(9, log.lastZxid());
        assertLog(log, 0, range(1, 9));
        assertLog(log, 6, range(7, 9));
    }

    @Test
    void truncateAfterAZxidBetweenEntriesKeepsThoseBelowIt() throws IOException {
        TxnLog log = backend().log();
        for (long z : List.of(10L, 20L, 30L, 40L)) {
            log.append(entry(z));
        }
        log.commit();
        log.truncateAfter(25);
        assertEquals(20, log.lastZxid());
        assertLog(log, 0, List.of(10L, 20L));
    }

    @Test
    void truncateAfterZeroEmptiesTheLogAndTruncateBeyondTheEndIsANoOp() throws IOException {
        TxnLog log = backend().log();
        appendAll(log, 1, 5);
        log.commit();
        log.truncateAfter(5);
        log.truncateAfter(99);
        assertLog(log, 0, range(1, 5));
        log.truncateAfter(0);
        assertEquals(0, log.lastZxid());
        assertLog(log, 0, List.of());
        appendAll(log, 1, 2);
        log.commit();
        assertLog(log, 0, range(1, 2));
    }

    @Test
    void readersOnOtherThreadsSeeCommittedEntries() throws Exception {
        TxnLog log = backend().log();
        appendAll(log, 1, 100);
        log.commit();
        CompletableFuture<List<LogEntry>> read = CompletableFuture.supplyAsync(() -> {
            try {
                return readAll(log, 40);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(60, read.get(30, TimeUnit.SECONDS).size());
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotRoundTrips() throws IOException {
        SnapshotStore store = backend().snapshots();
        Snapshot s = sampleSnapshot(100);
        store.write(100, s);
        assertEquals(List.of(100L), store.list());
        RecordingSink sink = new RecordingSink();
        assertEquals(100, store.loadNewest(sink));
        sink.assertHolds(s);
    }

    /** A source that gives nodes by their parts, their data as slices of a larger array, writes the same snapshot. */
    @Test
    void nodesGivenByPartsRoundTripLikeWholeNodes() throws IOException {
        SnapshotStore store = backend().snapshots();
        Snapshot s = sampleSnapshot(100);
        store.write(100, sink -> {
            sink.sessions(s.sessions());
            sink.acls(s.acls());
            for (SnapshotNode n : s.nodes()) {
                byte[] padded = null;
                int length = 0;
                if (n.data() != null) {
                    length = n.data().length;
                    padded = new byte[length + 7];
                    System.arraycopy(n.data(), 0, padded, 3, length);
                }
                sink.node(n.path(), padded, 3, length, n.aclKey(), n.czxid(), n.mzxid(), n.ctime(), n.mtime(),
                        n.version(), n.cversion(), n.aversion(), n.ephemeralOwner(), n.pzxid());
            }
        });
        RecordingSink sink = new RecordingSink();
        assertEquals(100, store.loadNewest(sink));
        sink.assertHolds(s);
    }

    @Test
    void rootOnlySnapshotRoundTrips() throws IOException {
        SnapshotStore store = backend().snapshots();
        Snapshot s = new Snapshot(Map.of(), Map.of(), List.of(node("/", null, -1, 0, 0, 0, 0, 0)));
        store.write(0, s);
        RecordingSink sink = new RecordingSink();
        assertEquals(0, store.loadNewest(sink));
        sink.assertHolds(s);
    }

    @Test
    void newestSnapshotIsLoadedAndListIsNewestFirst() throws IOException {
        SnapshotStore store = backend().snapshots();
        store.write(0x30, sampleSnapshot(0x30));
        store.write(0x1_0000_0010L, sampleSnapshot(0x1_0000_0010L));
        store.write(0x7, sampleSnapshot(0x7));
        assertEquals(List.of(0x1_0000_0010L, 0x30L, 0x7L), store.list());
        RecordingSink sink = new RecordingSink();
        assertEquals(0x1_0000_0010L, store.loadNewest(sink));
        sink.assertHolds(sampleSnapshot(0x1_0000_0010L));
    }

    @Test
    void deleteAfterRemovesOnlyNewerSnapshots() throws IOException {
        SnapshotStore store = backend().snapshots();
        store.write(0x5, sampleSnapshot(0x5));
        store.write(0x1_0000_0002L, sampleSnapshot(0x1_0000_0002L));
        store.write(0x1_0000_0009L, sampleSnapshot(0x1_0000_0009L));
        store.deleteAfter(0x1_0000_0002L);
        assertEquals(List.of(0x1_0000_0002L, 0x5L), store.list());
        RecordingSink sink = new RecordingSink();
        assertEquals(0x1_0000_0002L, store.loadNewest(sink));
        store.deleteAfter(0);
        assertEquals(List.of(), store.list());
        assertEquals(-1, store.loadNewest(new RecordingSink()));
    }

    @Test
    void aFailedSnapshotWriteLeavesNoSnapshot() throws IOException {
        SnapshotStore store = backend().snapshots();
        store.write(10, sampleSnapshot(10));
        IOException boom = new IOException("source failed half way");
        IOException thrown = assertThrows(IOException.class, () -> store.write(20, sink -> {
            sink.sessions(Map.of());
            sink.acls(Map.of());
            sink.node(node("/", null, -1, 0, 0, 0, 0, 0));
            throw boom;
        }));
        assertEquals(boom, thrown);
        assertEquals(List.of(10L), store.list());
        assertEquals(10, store.loadNewest(new RecordingSink()));
    }

    // ---------------------------------------------------------------- purge

    /** Entries 1..45 with a roll and a snapshot after 10, 20, 30 and 40, as the server would leave them. */
    protected static void logWithFourSnapshots(PersistenceBackend b) throws IOException {
        TxnLog log = b.log();
        for (long end = 10; end <= 40; end += 10) {
            appendAll(log, end - 9, end);
            log.commit();
            log.roll();
            b.snapshots().write(end, sampleSnapshot(end));
        }
        appendAll(log, 41, 45);
        log.commit();
    }

    @Test
    void purgeKeepsTheNewestSnapshotsAndEverythingNeededToReplayThem() throws IOException {
        PersistenceBackend b = backend();
        logWithFourSnapshots(b);
        b.purge(2);
        assertEquals(List.of(40L, 30L), b.snapshots().list());
        assertLog(b.log(), 30, range(31, 45));
        assertEquals(45, b.log().lastZxid());
        RecordingSink sink = new RecordingSink();
        assertEquals(40, b.snapshots().loadNewest(sink));
        sink.assertHolds(sampleSnapshot(40));
        // The log goes on after a purge.
        appendAll(b.log(), 46, 47);
        b.log().commit();
        assertLog(b.log(), 30, range(31, 47));
    }

    @Test
    void purgeWithFewerSnapshotsThanRetainedKeepsThemAll() throws IOException {
        PersistenceBackend b = backend();
        logWithFourSnapshots(b);
        b.purge(10);
        assertEquals(List.of(40L, 30L, 20L, 10L), b.snapshots().list());
        assertLog(b.log(), 10, range(11, 45));
    }

    @Test
    void purgeWithoutSnapshotsKeepsTheWholeLog() throws IOException {
        PersistenceBackend b = backend();
        appendAll(b.log(), 1, 5);
        b.log().roll();
        appendAll(b.log(), 6, 9);
        b.log().commit();
        b.purge(3);
        assertLog(b.log(), 0, range(1, 9));
    }

    // ---------------------------------------------------------------- reopen (durable backends)

    /** Closes {@code b} and opens the backend again on the same directory. */
    protected final PersistenceBackend reopen(PersistenceBackend b) throws IOException {
        b.close();
        opened.remove(b);
        return backend();
    }

    @Test
    void committedEntriesSurviveReopenAndTheLogGoesOn() throws IOException {
        assumeTrue(survivesReopen(), "backend keeps nothing across reopen");
        PersistenceBackend b = backend();
        appendAll(b.log(), 1, 10);
        b.log().roll();
        appendAll(b.log(), 11, 20);
        b.log().commit();
        b = reopen(b);
        assertEquals(20, b.log().lastZxid());
        assertLog(b.log(), 0, range(1, 20));
        appendAll(b.log(), 21, 25);
        b.log().commit();
        b = reopen(b);
        assertEquals(25, b.log().lastZxid());
        assertLog(b.log(), 0, range(1, 25));
        assertLog(b.log(), 15, range(16, 25));
    }

    @Test
    void snapshotsSurviveReopen() throws IOException {
        assumeTrue(survivesReopen(), "backend keeps nothing across reopen");
        PersistenceBackend b = backend();
        b.snapshots().write(5, sampleSnapshot(5));
        b.snapshots().write(9, sampleSnapshot(9));
        b = reopen(b);
        assertEquals(List.of(9L, 5L), b.snapshots().list());
        RecordingSink sink = new RecordingSink();
        assertEquals(9, b.snapshots().loadNewest(sink));
        sink.assertHolds(sampleSnapshot(9));
    }

    @Test
    void truncationAndPurgeSurviveReopen() throws IOException {
        assumeTrue(survivesReopen(), "backend keeps nothing across reopen");
        PersistenceBackend b = backend();
        logWithFourSnapshots(b);
        b.log().truncateAfter(43);
        b.purge(1);
        b = reopen(b);
        assertEquals(43, b.log().lastZxid());
        assertEquals(List.of(40L), b.snapshots().list());
        assertLog(b.log(), 40, range(41, 43));
    }
}
