package io.corral.persistence.file;

import io.corral.persistence.file.FileNames.Compression;
import io.corral.persistence.file.FileNames.SnapshotFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Opening snapshot files: ZooKeeper's quick validity test, and the stream inside (plain or gzip). */
final class SnapshotFiles {
    /**
     * Reads of 4 MB: a snapshot is read once at start-up, usually cold (it was written past the page cache, see
     * {@link DirectWriteOutputStream}), and the virtual disk of the benchmark machine reads 200 MB cold in
     * 0.23–0.42 s in 64 KB requests, in 0.12 s in 1 or 4 MB ones (1.6 s against 0.14 s with its CPUs busy).
     */
    private static final int BUFFER_SIZE = 4 * 1024 * 1024;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    /** snappy-java's stream header, which ZooKeeper checks for ".snappy" files. */
    private static final byte[] SNAPPY_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};

    private SnapshotFiles() {
    }

    /**
     * ZooKeeper's cheap test before it reads a snapshot: an uncompressed one is at least 10 bytes and ends with
     * the int 1 and "/" of its last seal (a write cut short does not); a gzip or snappy one starts with its magic.
     * Null if the file passes, otherwise why not.
     */
    static String quickCheck(SnapshotFile f, FileChannel ch) throws IOException {
        long size = ch.size();
        if (f.compression() == Compression.GZIP) {
            byte[] head = read(ch, 0, 2);
            return Arrays.equals(head, GZIP_MAGIC) ? null : "it does not start with the gzip magic number";
        }
        if (f.compression() == Compression.SNAPPY) {
            byte[] head = read(ch, 0, SNAPPY_MAGIC.length);
            return Arrays.equals(head, SNAPPY_MAGIC) ? null : "it does not start with the snappy stream header";
        }
        if (size < SnapshotFormat.MIN_LENGTH) {
            return "it has " + size + " bytes, fewer than a snapshot's minimum of " + SnapshotFormat.MIN_LENGTH;
        }
        byte[] tail = read(ch, size - SnapshotFormat.TAIL.length, SnapshotFormat.TAIL.length);
        return Arrays.equals(tail, SnapshotFormat.TAIL) ? null
                : "it does not end with a seal (00 00 00 01 2F): the write was probably cut short";
    }

    /** The snapshot stream of the file from its start; closing it leaves {@code ch} open. */
    static InputStream stream(SnapshotFile f, FileChannel ch) throws IOException {
        ch.position(0);
        InputStream raw = new BufferedInputStream(new NonClosing(Channels.newInputStream(ch)), BUFFER_SIZE);
        return switch (f.compression()) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, BUFFER_SIZE);
            case SNAPPY -> throw new IOException(f.path() + " is compressed with snappy, which Corral does not read. "
                    + "Have ZooKeeper write an uncompressed or gzip snapshot instead "
                    + "(zookeeper.snapshot.compression.method unset or gz), or remove the file if an older snapshot will do.");
        };
    }

    private static byte[] read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Channels.newInputStream closes the channel on close; both passes share one channel. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
