package io.corral.persistence.file;

import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.persistence.FileHeader;

/**
 * The framing of a transaction log file: a 16-byte {@link FileHeader} ("ZKLG", version 2, dbid 0), then per
 * entry {@code checksum long | length int | length bytes | 0x42}, then zeros up to the preallocated size.
 * The checksum is the Adler32 of the entry bytes; a length of 0 ends the log.
 */
final class LogFormat {
    static final int HEADER_SIZE = 16;
    /** checksum (8) + length (4) before the bytes, end-of-record marker (1) after them. */
    static final int ENTRY_OVERHEAD = 13;
    static final byte END_OF_RECORD = 0x42;
    /** Entry bytes start with a TxnHeader: clientId long, cxid int, zxid long, time long, type int. */
    static final int TXN_HEADER_SIZE = 32;
    static final int ZXID_OFFSET = 12;

    private LogFormat() {
    }

    static byte[] fileHeader() {
        return JuteOutput.encode(FileHeader.log());
    }

    /** The zxid of the TxnHeader at the start of {@code bytes} (which must hold at least a TxnHeader). */
    static long zxidOf(byte[] bytes) {
        return longAt(bytes, ZXID_OFFSET);
    }

    /** Null when the 16 header bytes are a log header we can read, else what is wrong with them. */
    static String checkHeader(byte[] header) {
        int magic = intAt(header, 0);
        int version = intAt(header, 4);
        if (magic != FileHeader.LOG_MAGIC) {
            return "magic 0x" + Integer.toHexString(magic) + " is not a transaction log's (0x"
                    + Integer.toHexString(FileHeader.LOG_MAGIC) + ", \"ZKLG\")";
        }
        if (version != FileHeader.VERSION) {
            return "format version " + version + " is not " + FileHeader.VERSION;
        }
        return null;
    }

    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static int intAt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static long longAt(byte[] b, int at) {
        return ((long) intAt(b, at) << 32) | (intAt(b, at + 4) & 0xffffffffL);
    }
}
