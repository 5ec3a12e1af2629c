package io.corral.api.persistence;

/**
 * One serialized transaction as the server hands it to a backend. The backend treats {@code bytes} as opaque:
 * framing, checksums and durability are its business, the transaction format is the server's.
 */
public record LogEntry(long zxid, byte[] bytes) {
    public LogEntry {
        if (bytes == null) {
            throw new IllegalArgumentException("entry bytes must not be null (zxid " + Long.toHexString(zxid) + ")");
        }
    }
}
