package io.corral.protocol.jute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads jute primitives from a big-endian buffer. Every length is checked against what remains and against
 * {@code maxLength}, so a malformed frame fails with {@link JuteException} instead of an allocation of gigabytes.
 */
public final class JuteInput {
    /** ZooKeeper's default jute.maxbuffer (0xfffff). */
    public static final int DEFAULT_MAX_LENGTH = 0xfffff;

    private final ByteBuffer in;
    private final int maxLength;

    public JuteInput(ByteBuffer in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    public JuteInput(ByteBuffer in) {
        this(in, Integer.MAX_VALUE);
    }

    public JuteInput(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    public int remaining() {
        return in.remaining();
    }

    private void need(int n, String what) {
        if (in.remaining() < n) {
            throw new JuteException("truncated record: " + what + " needs " + n + " bytes, " + in.remaining() + " left");
        }
    }

    public byte readByte() {
        need(1, "byte");
        return in.get();
    }

    public boolean readBool() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4, "int");
        return in.getInt();
    }

    public long readLong() {
        need(8, "long");
        return in.getLong();
    }

    private int readLength(String what) {
        int len = readInt();
        if (len < -1) {
            throw new JuteException("negative " + what + " length " + len);
        }
        if (len > maxLength) {
            throw new JuteException(what + " length " + len + " exceeds the limit of " + maxLength);
        }
        if (len > in.remaining()) {
            throw new JuteException("truncated record: " + what + " of " + len + " bytes, " + in.remaining() + " left");
        }
        return len;
    }

    public String readString() {
        int len = readLength("string");
        if (len == -1) {
            return null;
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
            in.position(in.position() + len);
        } else {
            byte[] b = new byte[len];
            in.get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        return s;
    }

    public byte[] readBuffer() {
        int len = readLength("buffer");
        if (len == -1) {
            return null;
        }
        byte[] b = new byte[len];
        in.get(b);
        return b;
    }

    public <T> List<T> readVector(Function<JuteInput, T> element) {
        int count = readInt();
        if (count == -1) {
            return null;
        }
        // Every element takes at least one byte, so a count above the bytes left is malformed.
        if (count < 0 || count > in.remaining()) {
            throw new JuteException("vector count " + count + " with " + in.remaining() + " bytes left");
        }
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(element.apply(this));
        }
        return list;
    }

    public List<String> readStringVector() {
        return readVector(JuteInput::readString);
    }

    /** Fails unless the whole input was consumed: a record followed by garbage is malformed. */
    public void expectEnd(String what) {
        if (in.hasRemaining()) {
            throw new JuteException(in.remaining() + " unexpected bytes after " + what);
        }
    }
}
