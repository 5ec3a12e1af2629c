package io.corral.persistence.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Reads jute primitives from a stream while keeping the Adler32 of every byte consumed, as the seals of a
 * snapshot need. It buffers itself and folds consumed bytes into the checksum a buffer at a time, not a field
 * at a time. Lengths are not trusted: a corrupt length of 2 GB is read in growing chunks and fails at EOF
 * instead of allocating 2 GB first.
 */
final class ChecksummedInput {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int TRUSTED_LENGTH = 1 << 20;

    private final InputStream in;
    private final Adler32 adler = new Adler32();
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int lim;
    /** Bytes [summed, pos) are consumed but not yet in the checksum. */
    private int summed;
    private long consumedBefore;

    ChecksummedInput(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far. */
    long position() {
        return consumedBefore + pos;
    }

    /** The Adler32 of every byte consumed so far. */
    long checksum() {
        sync();
        return adler.getValue();
    }

    int readInt() throws IOException {
        ensure(4);
        int v = LogFormat.intAt(buf, pos);
        pos += 4;
        return v;
    }

    long readLong() throws IOException {
        ensure(8);
        long v = LogFormat.longAt(buf, pos);
        pos += 8;
        return v;
    }

    /** A jute ustring: int length (-1 = null), then the UTF-8 bytes, decoded as ZooKeeper decodes them. */
    String readString() throws IOException {
        byte[] b = readLengthPrefixed("string");
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A jute buffer: int length (-1 = null), then the bytes. */
    byte[] readBuffer() throws IOException {
        return readLengthPrefixed("buffer");
    }

    private byte[] readLengthPrefixed(String what) throws IOException {
        int len = readLength(what);
        return len == -1 ? null : readBytes(len);
    }

    /** The length in front of a jute string or buffer: -1 for null; any other negative one is a format error. */
    int readLength(String what) throws IOException {
        long at = position();
        int len = readInt();
        if (len < -1) {
            throw new SnapshotFormatException("negative " + what + " length " + len + " at byte " + at);
        }
        return len;
    }

    byte[] readBytes(int len) throws IOException {
        if (len <= TRUSTED_LENGTH) {
            byte[] b = new byte[len];
            readFully(b, 0, len);
            return b;
        }
        byte[] b = new byte[TRUSTED_LENGTH];
        int have = 0;
        while (have < len) {
            if (have == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(len, 2L * b.length));
            }
            int n = b.length - have;
            readFully(b, have, n);
            have += n;
        }
        return b;
    }

    /** Consumes {@code n} bytes (counted in the checksum) without keeping them; what validation needs of data. */
    void skip(int n) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                refill(1);
            }
            int step = Math.min(n, lim - pos);
            pos += step;
            n -= step;
        }
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == lim) {
                refill(1);
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Everything left in the stream, at most {@code max} bytes, NOT added to the checksum: the caller works out
     * which optional sections it holds and feeds them to {@link #adler()} itself.
     */
    byte[] readRest(int max) throws IOException {
        sync();
        byte[] out = new byte[max + 1];
        int n = Math.min(lim - pos, out.length);
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        summed = pos;
        while (n < out.length) {
            int r = in.read(out, n, out.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > max) {
            throw new SnapshotFormatException("more than " + max + " unexpected bytes after the seal");
        }
        return Arrays.copyOf(out, n);
    }

    /** The running checksum, synced with everything consumed; for the caller of {@link #readRest}. */
    Adler32 adler() {
        sync();
        return adler;
    }

    private void ensure(int n) throws IOException {
        if (lim - pos < n) {
            refill(n);
        }
    }

    /** Keeps the unread bytes, moved to the front, and reads until at least {@code n} are buffered. */
    private void refill(int n) throws IOException {
        sync();
        int left = lim - pos;
        System.arraycopy(buf, pos, buf, 0, left);
        consumedBefore += pos;
        pos = 0;
        summed = 0;
        lim = left;
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                throw new EOFException("the stream ends at byte " + (consumedBefore + lim));
            }
            lim += r;
        }
    }

    private void sync() {
        if (pos > summed) {
            adler.update(buf, summed, pos - summed);
            summed = pos;
        }
    }
}
