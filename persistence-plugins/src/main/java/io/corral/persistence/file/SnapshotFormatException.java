package io.corral.persistence.file;

import java.io.IOException;

/** A snapshot stream is not a complete, intact snapshot: truncated, corrupt, or not a snapshot at all. */
final class SnapshotFormatException extends IOException {
    SnapshotFormatException(String message) {
        super(message);
    }
}
