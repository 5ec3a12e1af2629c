package io.corral.api.persistence;

import java.io.IOException;
import java.util.List;

/**
 * Snapshots of the tree and the sessions. The content is pushed and pulled through {@link SnapshotSink} so that
 * the backend owns the format, framing and checksums while the server owns the tree.
 */
public interface SnapshotStore {

    /**
     * Writes the snapshot named {@code zxid}: {@code source} pushes its content into a sink the backend provides.
     * On return the snapshot is complete and durable; a snapshot interrupted by a crash is never loaded.
     */
    void write(long zxid, SnapshotSource source) throws IOException;

    /**
     * Loads the newest snapshot that validates into {@code sink}, trying up to the 100 newest; an invalid one is
     * skipped with a log line. Returns the loaded snapshot's zxid, or -1 when there is none.
     */
    long loadNewest(SnapshotSink sink) throws IOException;

    /** The zxids of the stored snapshots, newest first. */
    List<Long> list() throws IOException;

    /**
     * Deletes every snapshot newer than {@code zxid}, durably. A replica whose log the leader truncated calls it:
     * such a snapshot may hold transactions that never committed, and must not be loaded again.
     */
    void deleteAfter(long zxid) throws IOException;
}
