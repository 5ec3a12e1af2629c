package io.corral.it.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Adler32;

/**
 * Reads the layout of a ZooKeeper 3.9 transaction log file ({@code version-2/log.<hex zxid>}): a 16-byte header,
 * then entries {@code checksum long, length int, txn bytes, 0x42} until a zero length or the end of the file. Only
 * what the durability tests need: where each intact entry starts and ends, its zxid, type and (for node txns) path.
 */
public final class TxnLogFile {

    public static final int HEADER_BYTES = 16;
    public static final int LOG_MAGIC = 0x5A4B4C47;
    public static final int TYPE_CREATE_SESSION = -10;
    public static final int TYPE_CREATE = 1;

    /** One intact entry: its bytes are {@code [offset, end)} of the file, the 0x42 byte included. */
    public record Entry(int index, long offset, long end, long zxid, int type, String path) {
        @Override
        public String toString() {
            return "#" + index + " [" + offset + "," + end + ") zxid 0x" + Long.toHexString(zxid) + " type " + type
                    + (path == null ? "" : " " + path);
        }
    }

    private TxnLogFile() {
    }

    /** The intact entries of {@code file}, in file order, up to the end of the log or the first bad entry. */
    public static List<Entry> entries(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != LOG_MAGIC) {
                throw new IOException(file + " is not a transaction log (magic 0x" + Integer.toHexString(magic) + ")");
            }
            in.readInt(); // version
            in.readLong(); // dbid
            long pos = HEADER_BYTES;
            while (true) {
                long checksum;
                int length;
                byte[] txn;
                int eor;
                try {
                    checksum = in.readLong();
                    length = in.readInt();
                    if (length <= 0) {
                        break;
                    }
                    txn = new byte[length];
                    in.readFully(txn);
                    eor = in.readUnsignedByte();
                } catch (EOFException e) {
                    break;
                }
                Adler32 adler = new Adler32();
                adler.update(txn, 0, txn.length);
                if (eor != 0x42 || checksum != adler.getValue() || length < 32) {
                    break;
                }
                long end = pos + 8 + 4 + length + 1;
                out.add(parse(out.size(), pos, end, txn));
                pos = end;
            }
        }
        return out;
    }

    private static Entry parse(int index, long offset, long end, byte[] txn) throws IOException {
        try (DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(txn))) {
            d.readLong(); // clientId
            d.readInt(); // cxid
            long zxid = d.readLong();
            d.readLong(); // time
            int type = d.readInt();
            String path = null;
            switch (type) {
                case 1, 2, 5, 7, 15, 19, 20, 21 -> {
                    int len = d.readInt();
                    if (len >= 0 && len <= txn.length) {
                        byte[] p = new byte[len];
                        d.readFully(p);
                        path = new String(p, StandardCharsets.UTF_8);
                    }
                }
                default -> {
                    // no path in this record
                }
            }
            return new Entry(index, offset, end, zxid, type, path);
        }
    }

    /** End of the last intact entry: the first byte no entry covers. */
    public static long writtenEnd(List<Entry> entries) {
        return entries.isEmpty() ? HEADER_BYTES : entries.get(entries.size() - 1).end();
    }

    /** {@code log.*} files of {@code dir}, oldest first (by the zxid in the name). */
    public static List<Path> logs(Path dir) throws IOException {
        return byZxid(dir, "log.");
    }

    /** {@code snapshot.*} files of {@code dir}, oldest first (by the zxid in the name). */
    public static List<Path> snapshots(Path dir) throws IOException {
        return byZxid(dir, "snapshot.");
    }

    /** The zxid in a {@code log.<hex>} or {@code snapshot.<hex>[.suffix]} file name. */
    public static long zxidOf(Path file) {
        String name = file.getFileName().toString();
        String hex = name.substring(name.indexOf('.') + 1);
        int dot = hex.indexOf('.');
        if (dot >= 0) {
            hex = hex.substring(0, dot);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private static List<Path> byZxid(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> {
                        try {
                            zxidOf(p);
                            return true;
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    })
                    .sorted(Comparator.comparingLong(TxnLogFile::zxidOf))
                    .toList();
        }
    }

    /** The newest {@code log.*} of {@code dir}. */
    public static Path newestLog(Path dir) throws IOException {
        List<Path> logs = logs(dir);
        if (logs.isEmpty()) {
            throw new IOException("no log.* file in " + dir);
        }
        return logs.get(logs.size() - 1);
    }
}
