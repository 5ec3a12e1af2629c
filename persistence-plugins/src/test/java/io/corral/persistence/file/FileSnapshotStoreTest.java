package io.corral.persistence.file;

import static io.corral.api.persistence.PersistenceFixtures.sampleSnapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.PersistenceFixtures.RecordingSink;
import io.corral.api.persistence.PersistenceFixtures.Snapshot;
import io.corral.api.persistence.SnapshotNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest {
    @TempDir
    Path dir;

    private FileSnapshotStore store() throws IOException {
        return FileSnapshotStore.open(dir);
    }

    private static SnapshotNode root() {
        return new SnapshotNode("/", null, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theFileIsZooKeepersUncompressedLayout() throws IOException {
        store().write(0x3f, new Snapshot(Map.of(0x55L, 9000), Map.of(), List.of(root(),
                new SnapshotNode("/a", new byte[] {7}, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9))));
        byte[] file = Files.readAllBytes(dir.resolve("snapshot.3f"));
        ByteBuffer b = ByteBuffer.wrap(file);
        assertEquals(0x5A4B534E, b.getInt(), "ZKSN");
        assertEquals(2, b.getInt());
        assertEquals(-1, b.getLong(), "dbid");
        assertEquals(1, b.getInt(), "sessions");
        assertEquals(0x55, b.getLong());
        assertEquals(9000, b.getInt());
        assertEquals(0, b.getInt(), "ACL lists");
        assertEquals(0, b.getInt(), "the root's path is the empty string");
        assertEquals(-1, b.getInt(), "null data");
        assertEquals(-1, b.getLong(), "open ACL");
        b.position(b.position() + SnapshotFormat.STAT_SIZE);
        assertEquals(2, b.getInt());
        assertEquals('/', b.get());
        assertEquals('a', b.get());
        assertEquals(1, b.getInt());
        assertEquals(7, b.get());
        assertEquals(-1, b.getLong());
        long[] stat = {b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getInt(), b.getInt(),
                b.getLong(), b.getLong()};
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, stat, "StatPersisted field order");
        assertEquals(1, b.getInt());
        assertEquals('/', b.get(), "end of nodes");
        Adler32 adler = new Adler32();
        adler.update(file, 0, b.position());
        assertEquals(adler.getValue(), b.getLong(), "seal");
        assertEquals(1, b.getInt());
        assertEquals('/', b.get());
        assertFalse(b.hasRemaining(), "no digest or last-zxid section");
    }

    @Test
    void aCorruptNewestSnapshotIsSkippedForTheOlderOneWithAWarning() throws IOException {
        FileSnapshotStore store = store();
        store.write(10, sampleSnapshot(10));
        store.write(20, sampleSnapshot(20));
        Path newest = dir.resolve("snapshot.14");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
        try (LogCapture logs = new LogCapture(FileSnapshotStore.class)) {
            RecordingSink sink = new RecordingSink();
            assertEquals(10, store.loadNewest(sink));
            sink.assertHolds(sampleSnapshot(10));
            String w = logs.warnings().get(0);
            assertTrue(w.contains(newest.toString()) && w.contains("checksum mismatch"), w);
        }
    }

    /** A sealed file whose nodes are out of order (no Corral or ZooKeeper writer makes one): pass 1 refuses it. */
    @Test
    void aSealedSnapshotWithNodesOutOfOrderIsSkippedBeforeAnythingReachesTheSink() throws IOException {
        FileSnapshotStore store = store();
        store.write(10, sampleSnapshot(10));
        String[][] badOrders = {{"", "/a", "/b", "/a/x"}, {"", "/a/x"}, {"/a"}, {"", "a"}, {"", "/a/"}};
        for (String[] paths : badOrders) {
            io.corral.protocol.jute.JuteOutput out = new io.corral.protocol.jute.JuteOutput(256);
            io.corral.protocol.persistence.FileHeader.snapshot().write(out);
            out.writeInt(0); // sessions
            out.writeInt(0); // ACL lists
            for (String p : paths) {
                out.writeString(p);
                out.writeBuffer(new byte[] {1});
                out.writeLong(-1);
                out.writeRaw(new byte[SnapshotFormat.STAT_SIZE], 0, SnapshotFormat.STAT_SIZE);
            }
            out.writeString("/");
            Adler32 adler = new Adler32();
            adler.update(out.array(), 0, out.size());
            out.writeLong(adler.getValue());
            out.writeString("/");
            Files.write(dir.resolve("snapshot.14"), out.toByteArray());
            try (LogCapture logs = new LogCapture(FileSnapshotStore.class)) {
                RecordingSink sink = new RecordingSink();
                assertEquals(10, store.loadNewest(sink), String.join(",", paths));
                sink.assertHolds(sampleSnapshot(10));
                String w = logs.warnings().get(0);
                assertTrue(w.contains("snapshot.14") && (w.contains("order") || w.contains("root")
                        || w.contains("not a valid node path")), w);
            }
        }
    }

    @Test
    void aSnapshotCutShortFailsTheQuickCheckAndIsSkipped() throws IOException {
        FileSnapshotStore store = store();
        store.write(10, sampleSnapshot(10));
        store.write(20, sampleSnapshot(20));
        Path newest = dir.resolve("snapshot.14");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        try (LogCapture logs = new LogCapture(FileSnapshotStore.class)) {
            assertEquals(10, store.loadNewest(new RecordingSink()));
            assertTrue(logs.warnings().get(0).contains("does not end with a seal"), logs.warnings().toString());
        }
    }

    @Test
    void whenSnapshotsLookCompleteButNoneLoadsTheLoadFailsRatherThanStartEmpty() throws IOException {
        store().write(10, sampleSnapshot(10));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("snapshot.a").toFile(), "rw")) {
            f.seek(40);
            f.write(0xFF);
        }
        IOException e = assertThrows(IOException.class, () -> store().loadNewest(new RecordingSink()));
        assertTrue(e.getMessage().contains("snapshot.a"), e.getMessage());
    }

    @Test
    void onlyIncompleteSnapshotsCountAsNoSnapshot() throws IOException {
        Files.write(dir.resolve("snapshot.5"), new byte[] {1, 2, 3});
        assertEquals(-1, store().loadNewest(new RecordingSink()));
    }

    @Test
    void snapshotsOfZooKeeperWithDigestAndLastZxidSectionsLoadAndTheirSealsAreChecked() throws IOException {
        Snapshot s = sampleSnapshot(0x50);
        byte[] plain = encode(s);
        // Digest: zxid, version 2, digest; then lastProcessedZxid; each followed by a cumulative seal.
        ByteBuffer digest = ByteBuffer.allocate(20).putLong(0x4f).putInt(2).putLong(0x1234_5678_9abcL);
        byte[] withDigest = seal(concat(plain, digest.array()));
        byte[] both = seal(concat(withDigest, ByteBuffer.allocate(8).putLong(0x55).array()));
        byte[] lastOnly = seal(concat(plain, ByteBuffer.allocate(8).putLong(0x55).array()));
        for (byte[] file : List.of(withDigest, both, lastOnly)) {
            Files.write(dir.resolve("snapshot.50"), file);
            RecordingSink sink = new RecordingSink();
            assertEquals(0x50, store().loadNewest(sink));
            sink.assertHolds(s);
        }
        byte[] badSeal = both.clone();
        badSeal[plain.length + 20 + 3] ^= 1; // the digest section's seal
        Files.write(dir.resolve("snapshot.50"), badSeal);
        IOException e = assertThrows(IOException.class, () -> store().loadNewest(new RecordingSink()));
        assertTrue(e.getMessage().contains("after the digest"), e.getMessage());
    }

    @Test
    void gzipSnapshotsAreRead() throws IOException {
        Snapshot s = sampleSnapshot(0x77);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("snapshot.77.gz")))) {
            out.write(encode(s));
        }
        store().write(0x60, sampleSnapshot(0x60));
        assertEquals(List.of(0x77L, 0x60L), store().list());
        RecordingSink sink = new RecordingSink();
        assertEquals(0x77, store().loadNewest(sink));
        sink.assertHolds(s);
    }

    @Test
    void snappySnapshotsAreReportedAsUnsupported() throws IOException {
        byte[] header = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
        Files.write(dir.resolve("snapshot.9.snappy"), header);
        store().write(5, sampleSnapshot(5));
        try (LogCapture logs = new LogCapture(FileSnapshotStore.class)) {
            assertEquals(5, store().loadNewest(new RecordingSink()));
            assertTrue(logs.warnings().get(0).contains("snappy"), logs.warnings().toString());
        }
        Files.delete(dir.resolve("snapshot.5"));
        IOException e = assertThrows(IOException.class, () -> store().loadNewest(new RecordingSink()));
        assertTrue(e.getMessage().contains("snappy"), e.getMessage());
    }

    @Test
    void nodesOutOfDepthFirstOrderAreRefusedWhenWritingAndWhenLoading() throws IOException {
        Snapshot bad = new Snapshot(Map.of(), Map.of(), List.of(root(),
                new SnapshotNode("/a", null, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new SnapshotNode("/b", null, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new SnapshotNode("/a/x", null, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> store().write(1, bad));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "neither a snapshot nor a temporary is left");
        }
        Snapshot orphan = new Snapshot(Map.of(), Map.of(), List.of(root(),
                new SnapshotNode("/a/x", null, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> store().write(1, orphan));
    }

    @Test
    void anExceptionFromTheSinkIsTheCallersAndIsNotTakenForABadSnapshot() throws IOException {
        store().write(10, sampleSnapshot(10));
        store().write(20, sampleSnapshot(20));
        IllegalStateException boom = new IllegalStateException("tree full");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> store().loadNewest(new io.corral.api.persistence.SnapshotSink() {
                    @Override
                    public void sessions(Map<Long, Integer> sessions) {
                    }

                    @Override
                    public void acls(Map<Long, List<io.corral.api.persistence.AclEntry>> acls) {
                    }

                    @Override
                    public void node(SnapshotNode node) {
                        throw boom;
                    }
                }));
        assertEquals(boom, thrown);
    }

    @Test
    void temporariesOfInterruptedWritesAreRemovedAtOpenAndNeverListed() throws IOException {
        Path partial = dir.resolve(".snapshot.1e.3.99.partial");
        Files.write(partial, new byte[100]);
        Files.write(dir.resolve("snapshot.1f.tmp"), new byte[100]); // ZooKeeper's own temporary name
        FileSnapshotStore store = store();
        assertFalse(Files.exists(partial));
        assertEquals(List.of(), store.list());
    }

    @Test
    void writingTheSameZxidAgainReplacesTheSnapshot() throws IOException {
        store().write(7, sampleSnapshot(7));
        Snapshot other = new Snapshot(Map.of(), Map.of(), List.of(root()));
        store().write(7, other);
        RecordingSink sink = new RecordingSink();
        assertEquals(7, store().loadNewest(sink));
        sink.assertHolds(other);
    }

    @Test
    void aLargeTreeLoadsInTwoPassesWithTheRightCount() throws IOException {
        aLargeTreeLoadsInTwoPassesWithTheRightCount(store());
    }

    @Test
    void writtenThroughThePageCacheALargeTreeLoadsTheSame() throws IOException {
        aLargeTreeLoadsInTwoPassesWithTheRightCount(FileSnapshotStore.open(dir, false));
    }

    @Test
    void bothWaysOfWritingGiveTheSameBytes() throws IOException {
        Snapshot s = sampleSnapshot(5);
        FileSnapshotStore.open(dir, true).write(5, s);
        byte[] direct = Files.readAllBytes(dir.resolve("snapshot.5"));
        FileSnapshotStore.open(dir, false).write(5, s);
        assertArrayEquals(direct, Files.readAllBytes(dir.resolve("snapshot.5")));
        assertArrayEquals(encode(s), direct);
    }

    private void aLargeTreeLoadsInTwoPassesWithTheRightCount(FileSnapshotStore writer) throws IOException {
        int children = 20_000;
        writer.write(1, sink -> {
            sink.sessions(Map.of());
            sink.acls(Map.of());
            sink.node(root());
            for (int i = 0; i < children; i++) {
                sink.node(new SnapshotNode("/n" + i, new byte[i % 300], -1, i, i, i, i, 0, 0, 0, 0, i));
                sink.node(new SnapshotNode("/n" + i + "/c", null, -1, i, i, i, i, 0, 0, 0, 0, i));
            }
        });
        long[] count = {0};
        assertEquals(1, store().loadNewest(new io.corral.api.persistence.SnapshotSink() {
            @Override
            public void sessions(Map<Long, Integer> sessions) {
            }

            @Override
            public void acls(Map<Long, List<io.corral.api.persistence.AclEntry>> acls) {
            }

            @Override
            public void node(SnapshotNode node) {
                count[0]++;
            }
        }));
        assertEquals(1 + 2L * children, count[0]);
    }

    static byte[] encode(Snapshot s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotEncoder enc = new SnapshotEncoder(out);
        s.writeTo(enc);
        enc.finish();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Appends a seal: the Adler32 of everything so far, then the string "/". */
    private static byte[] seal(byte[] soFar) {
        Adler32 adler = new Adler32();
        adler.update(soFar);
        return concat(soFar, ByteBuffer.allocate(13).putLong(adler.getValue()).putInt(1).put((byte) '/').array());
    }
}
