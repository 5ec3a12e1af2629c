package io.corral.protocol.jute;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A growable big-endian buffer that writes jute primitives. Not thread-safe; meant to be reused by one
 * thread (call {@link #reset()}) so that encoding a reply allocates nothing once the buffer has grown.
 */
public final class JuteOutput {
    /** A scratch buffer that grew past this is not kept for the thread's next record. */
    private static final int SCRATCH_KEPT_BYTES = 64 * 1024;
    private static final ThreadLocal<JuteOutput> SCRATCH = ThreadLocal.withInitial(() -> new JuteOutput(1024));

    private byte[] buf;
    private int pos;

    /**
     * This thread's reusable buffer, empty: for code that encodes a record and copies it out at once
     * ({@link #toByteArray()}). A fresh small buffer per record grew two or three times before the copy, a third
     * of what a busy server allocated. Not for nested use: whatever encodes into it must not ask for it again.
     */
    public static JuteOutput scratch() {
        JuteOutput out = SCRATCH.get();
        if (out.buf.length > SCRATCH_KEPT_BYTES) {
            out = new JuteOutput(1024);
            SCRATCH.set(out);
        }
        out.reset();
        return out;
    }

    public JuteOutput() {
        this(256);
    }

    public JuteOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        pos = 0;
    }

    public int size() {
        return pos;
    }

    private void ensure(int extra) {
        int need = pos + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    public void writeBool(boolean b) {
        writeByte(b ? 1 : 0);
    }

    public void writeInt(int v) {
        ensure(4);
        putInt(buf, pos, v);
        pos += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos + i] = (byte) v;
            v >>>= 8;
        }
        pos += 8;
    }

    /** Overwrites 4 bytes already written, e.g. a frame length that is known only after the body. */
    public void setInt(int position, int v) {
        if (position < 0 || position + 4 > pos) {
            throw new IndexOutOfBoundsException("setInt at " + position + " of " + pos);
        }
        putInt(buf, position, v);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /**
     * ZooKeeper's string encoding: the byte length, then each UTF-16 unit encoded on its own (1, 2 or 3 bytes),
     * so a surrogate pair takes 6 bytes. Writing it this way keeps our bytes identical to the reference's.
     */
    public void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int n = s.length();
        ensure(4 + n * 3);
        int lenAt = pos;
        pos += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xc0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            } else {
                buf[pos++] = (byte) (0xe0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        putInt(buf, lenAt, pos - lenAt - 4);
    }

    public void writeBuffer(byte[] b) {
        if (b == null) {
            writeInt(-1);
            return;
        }
        writeInt(b.length);
        writeRaw(b, 0, b.length);
    }

    /** A buffer given as {@code b[off, off + len)}, written as {@link #writeBuffer(byte[])} writes a whole array. */
    public void writeBuffer(byte[] b, int off, int len) {
        if (b == null) {
            writeInt(-1);
            return;
        }
        writeInt(len);
        writeRaw(b, off, len);
    }

    public void writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    public <T> void writeVector(List<T> list, BiConsumer<JuteOutput, T> element) {
        if (list == null) {
            writeInt(-1);
            return;
        }
        writeInt(list.size());
        for (T t : list) {
            element.accept(this, t);
        }
    }

    public void writeStringVector(List<String> list) {
        writeVector(list, JuteOutput::writeString);
    }

    public void writeRecord(Record r) {
        r.write(this);
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** A view of what was written, valid until the next write or reset. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(buf, 0, pos);
    }

    /** The backing array; bytes [0, size()) are the output. Valid until the next write or reset. */
    public byte[] array() {
        return buf;
    }

    /** Encodes one record into a fresh array. */
    public static byte[] encode(Record r) {
        JuteOutput out = new JuteOutput();
        r.write(out);
        return out.toByteArray();
    }
}
