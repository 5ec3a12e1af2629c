package io.corral.persistence.file;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Adler32;

/**
 * Reads the entries of one log file in order and stops at the first thing that is not a whole, intact entry.
 * It never throws for bad content: {@link #next()} returns null, and {@link #problem()} tells a clean end
 * (null: EOF, or the zero length of the preallocated tail) from a torn or corrupt entry at {@link #problemOffset()}.
 * Callers decide what a problem means: recovery cuts it off, a reader of old files fails.
 */
final class LogSegmentReader implements Closeable {
    /** One intact entry: it occupies bytes [offset, end) of the file. */
    record Entry(long offset, long end, long zxid, byte[] bytes) {
    }

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final InputStream in;
    private final long fileSize;
    private final long limit;
    private final String headerProblem;
    private final boolean headerTorn;
    private long position;
    private long entries;
    private boolean done;
    private String problem;
    private long problemOffset = -1;

    /**
     * @param limit read no entry that ends after this offset (the writer's position, for the file being
     *              appended to); -1 to read up to the end of the file
     */
    LogSegmentReader(Path path, long limit) throws IOException {
        this.path = path;
        this.limit = limit;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.fileSize = channel.size();
            this.in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_SIZE);
            byte[] header = new byte[LogFormat.HEADER_SIZE];
            int n = readUpTo(header, header.length);
            position = n;
            if (n < header.length) {
                headerTorn = true;
                headerProblem = "the file has " + fileSize + " bytes, fewer than the " + LogFormat.HEADER_SIZE
                        + "-byte header";
            } else if (LogFormat.allZero(header, 0, header.length)) {
                headerTorn = true;
                headerProblem = "the header is all zeros (the file was created but its first write never reached the disk)";
            } else {
                headerTorn = false;
                headerProblem = LogFormat.checkHeader(header);
            }
            done = headerProblem != null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Null when the file starts with a readable log header. */
    String headerProblem() {
        return headerProblem;
    }

    /** The header is missing or zero: a file whose creation was interrupted, not someone else's file. */
    boolean headerTorn() {
        return headerTorn;
    }

    long fileSize() {
        return fileSize;
    }

    /** Entries returned so far. */
    long entries() {
        return entries;
    }

    /** Null after a clean end; otherwise why the entry at {@link #problemOffset()} was not returned. */
    String problem() {
        return problem;
    }

    long problemOffset() {
        return problemOffset;
    }

    /** The next intact entry, or null at the end of the file or at the first torn or corrupt entry. */
    Entry next() throws IOException {
        if (done) {
            return null;
        }
        if (limit >= 0 && position >= limit) {
            return end(null);
        }
        byte[] head = new byte[12];
        int n = readUpTo(head, head.length);
        if (n == 0) {
            return end(null);
        }
        if (n < head.length) {
            return end("the file ends " + n + " bytes into an entry's checksum and length");
        }
        long checksum = LogFormat.longAt(head, 0);
        int length = LogFormat.intAt(head, 8);
        if (length == 0) {
            // Zeros of the preallocated tail read as checksum 0, length 0: the end of the log.
            return end(checksum == 0 ? null : "length 0 after a non-zero checksum 0x" + Long.toHexString(checksum));
        }
        if (length < 0) {
            return end("negative length " + length);
        }
        long end = position + LogFormat.ENTRY_OVERHEAD + length;
        if (end > fileSize) {
            return end("length " + length + " runs past the end of the file (" + fileSize + " bytes)");
        }
        if (limit >= 0 && end > limit) {
            return end("length " + length + " runs past the last appended entry (offset " + limit + ")");
        }
        byte[] bytes = new byte[length];
        if (readUpTo(bytes, length) != length) {
            throw new EOFException(path + " shrank while it was read (offset " + position + ")");
        }
        int marker = in.read();
        if (marker != LogFormat.END_OF_RECORD) {
            return end(marker < 0 ? "the file ends before the end-of-record byte"
                    : "end-of-record byte 0x" + Integer.toHexString(marker) + " instead of 0x42");
        }
        Adler32 adler = new Adler32();
        adler.update(bytes, 0, length);
        if (adler.getValue() != checksum) {
            return end("checksum mismatch: stored 0x" + Long.toHexString(checksum) + ", computed 0x"
                    + Long.toHexString(adler.getValue()));
        }
        if (length < LogFormat.TXN_HEADER_SIZE) {
            return end("an entry of " + length + " bytes is too short for a transaction header");
        }
        Entry e = new Entry(position, end, LogFormat.zxidOf(bytes), bytes);
        position = end;
        entries++;
        return e;
    }

    private Entry end(String why) {
        done = true;
        if (why != null) {
            problem = why;
            problemOffset = position;
        }
        return null;
    }

    private int readUpTo(byte[] b, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(b, off, len - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        return off;
    }

    /**
     * One past the last non-zero byte at or after {@code from}, or {@code from} when there is none: how far
     * the damaged bytes reach into the (zero-filled) preallocated tail.
     */
    static long endOfNonZero(FileChannel ch, long from) throws IOException {
        long size = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
        long last = from;
        long pos = from;
        while (pos < size) {
            buf.clear();
            int r = ch.read(buf, pos);
            if (r <= 0) {
                break;
            }
            for (int i = r - 1; i >= 0; i--) {
                if (buf.get(i) != 0) {
                    last = pos + i + 1;
                    break;
                }
            }
            pos += r;
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
