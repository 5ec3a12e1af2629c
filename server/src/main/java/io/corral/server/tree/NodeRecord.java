package io.corral.server.tree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a znode's record: its persisted stat, its name and (when small) its data in one byte array.
 *
 * <p>Why one array: a million znodes of 100 bytes cost ZooKeeper about 430 bytes of heap each, and the goal is
 * half of that. Separate objects for the stat, the name and the data pay an object header and a reference each,
 * and most stat fields of most znodes carry nothing new (a znode never written has mzxid = czxid, mtime = ctime,
 * version 0; a leaf has pzxid = czxid; a persistent node has no owner). So the record stores czxid and ctime,
 * then only the fields that differ from those defaults, announced by a flags byte:
 *
 * <pre>
 * flags(1) czxid(8) ctime(8) [mzxid(8)] [mtime(8)] [pzxid(8)] [owner(8)] [version(4)] [cversion(4)] [aversion(4)]
 * nameLength(varint) name(UTF-8) data(the rest, when inline)
 * </pre>
 *
 * <p>Records are immutable: a change builds a new one, so that the snapshot thread, reading a node's record
 * through a volatile field, always sees one consistent version of it.
 */
final class NodeRecord {
    static final int MZXID = 1;
    static final int MTIME = 1 << 1;
    static final int PZXID = 1 << 2;
    static final int OWNER = 1 << 3;
    static final int VERSION = 1 << 4;
    static final int CVERSION = 1 << 5;
    static final int AVERSION = 1 << 6;
    /** Set when the data is not in the record: either null, or held by the node as its own array. */
    static final int NO_INLINE_DATA = 1 << 7;

    private static final int LONG_FIELDS = MZXID | MTIME | PZXID | OWNER;
    private static final int INT_FIELDS = VERSION | CVERSION | AVERSION;
    private static final int CZXID_AT = 1;
    private static final int CTIME_AT = 9;
    private static final int OPTIONAL_AT = 17;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private NodeRecord() {
    }

    /** The stat fields of a record, decoded; what a change starts from. */
    static final class Stat {
        long czxid;
        long ctime;
        long mzxid;
        long mtime;
        long pzxid;
        long owner;
        int version;
        int cversion;
        int aversion;

        Stat(long czxid, long ctime, long owner) {
            this.czxid = czxid;
            this.mzxid = czxid;
            this.pzxid = czxid;
            this.ctime = ctime;
            this.mtime = ctime;
            this.owner = owner;
        }

        Stat(byte[] r) {
            this.czxid = NodeRecord.czxid(r);
            this.ctime = NodeRecord.ctime(r);
            this.mzxid = NodeRecord.mzxid(r);
            this.mtime = NodeRecord.mtime(r);
            this.pzxid = NodeRecord.pzxid(r);
            this.owner = NodeRecord.owner(r);
            this.version = NodeRecord.version(r);
            this.cversion = NodeRecord.cversion(r);
            this.aversion = NodeRecord.aversion(r);
        }
    }

    /**
     * A record of {@code stat}, the name {@code name[nameFrom, nameFrom + nameLength)} and, when
     * {@code inlineData} is not null, its bytes from {@code dataFrom} to its end.
     */
    static byte[] encode(Stat s, byte[] name, int nameFrom, int nameLength, byte[] inlineData, int dataFrom) {
        int flags = (s.mzxid != s.czxid ? MZXID : 0) | (s.mtime != s.ctime ? MTIME : 0)
                | (s.pzxid != s.czxid ? PZXID : 0) | (s.owner != 0 ? OWNER : 0) | (s.version != 0 ? VERSION : 0)
                | (s.cversion != 0 ? CVERSION : 0) | (s.aversion != 0 ? AVERSION : 0)
                | (inlineData == null ? NO_INLINE_DATA : 0);
        int nameAt = nameLengthAt(flags);
        int dataAt = nameAt + varintSize(nameLength) + nameLength;
        int dataLength = inlineData == null ? 0 : inlineData.length - dataFrom;
        byte[] r = new byte[dataAt + dataLength];
        r[0] = (byte) flags;
        LONGS.set(r, CZXID_AT, s.czxid);
        LONGS.set(r, CTIME_AT, s.ctime);
        int at = OPTIONAL_AT;
        at = putLong(r, at, flags, MZXID, s.mzxid);
        at = putLong(r, at, flags, MTIME, s.mtime);
        at = putLong(r, at, flags, PZXID, s.pzxid);
        at = putLong(r, at, flags, OWNER, s.owner);
        at = putInt(r, at, flags, VERSION, s.version);
        at = putInt(r, at, flags, CVERSION, s.cversion);
        putInt(r, at, flags, AVERSION, s.aversion);
        at = nameAt;
        for (int n = nameLength; ; n >>>= 7) {
            if (n < 0x80) {
                r[at++] = (byte) n;
                break;
            }
            r[at++] = (byte) (n | 0x80);
        }
        System.arraycopy(name, nameFrom, r, at, nameLength);
        if (inlineData != null) {
            System.arraycopy(inlineData, dataFrom, r, dataAt, dataLength);
        }
        return r;
    }

    /** A new record with {@code stat}, the name of {@code old} and the given inline data (null: none). */
    static byte[] withStat(byte[] old, Stat stat, byte[] inlineData, int dataFrom) {
        return encode(stat, old, nameAt(old), nameLength(old), inlineData, dataFrom);
    }

    static long czxid(byte[] r) {
        return (long) LONGS.get(r, CZXID_AT);
    }

    static long ctime(byte[] r) {
        return (long) LONGS.get(r, CTIME_AT);
    }

    static long mzxid(byte[] r) {
        return longOr(r, MZXID, czxid(r));
    }

    static long mtime(byte[] r) {
        return longOr(r, MTIME, ctime(r));
    }

    static long pzxid(byte[] r) {
        return longOr(r, PZXID, czxid(r));
    }

    static long owner(byte[] r) {
        return longOr(r, OWNER, 0);
    }

    static int version(byte[] r) {
        return intOr(r, VERSION);
    }

    static int cversion(byte[] r) {
        return intOr(r, CVERSION);
    }

    static int aversion(byte[] r) {
        return intOr(r, AVERSION);
    }

    static boolean hasInlineData(byte[] r) {
        return (r[0] & NO_INLINE_DATA) == 0;
    }

    /** Where the name's bytes start. */
    static int nameAt(byte[] r) {
        int at = nameLengthAt(r[0] & 0xff);
        while (r[at] < 0) {
            at++;
        }
        return at + 1;
    }

    static int nameLength(byte[] r) {
        int at = nameLengthAt(r[0] & 0xff);
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = r[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                return length;
            }
        }
    }

    static String name(byte[] r) {
        return new String(r, nameAt(r), nameLength(r), StandardCharsets.UTF_8);
    }

    /** Where the inline data starts; it runs to the end of the record. */
    static int dataAt(byte[] r) {
        return nameAt(r) + nameLength(r);
    }

    private static int nameLengthAt(int flags) {
        return OPTIONAL_AT + 8 * Integer.bitCount(flags & LONG_FIELDS) + 4 * Integer.bitCount(flags & INT_FIELDS);
    }

    /** The offset of the optional field {@code bit}: after every present field of a lower bit. */
    private static int offsetOf(int flags, int bit) {
        int before = flags & (bit - 1);
        return OPTIONAL_AT + 8 * Integer.bitCount(before & LONG_FIELDS) + 4 * Integer.bitCount(before & INT_FIELDS);
    }

    private static long longOr(byte[] r, int bit, long absent) {
        int flags = r[0] & 0xff;
        return (flags & bit) == 0 ? absent : (long) LONGS.get(r, offsetOf(flags, bit));
    }

    private static int intOr(byte[] r, int bit) {
        int flags = r[0] & 0xff;
        return (flags & bit) == 0 ? 0 : (int) INTS.get(r, offsetOf(flags, bit));
    }

    private static int putLong(byte[] r, int at, int flags, int bit, long value) {
        if ((flags & bit) == 0) {
            return at;
        }
        LONGS.set(r, at, value);
        return at + 8;
    }

    private static int putInt(byte[] r, int at, int flags, int bit, int value) {
        if ((flags & bit) == 0) {
            return at;
        }
        INTS.set(r, at, value);
        return at + 4;
    }

    private static int varintSize(int n) {
        int size = 1;
        while ((n >>>= 7) != 0) {
            size++;
        }
        return size;
    }
}
