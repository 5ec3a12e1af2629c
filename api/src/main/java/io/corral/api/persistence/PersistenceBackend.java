package io.corral.api.persistence;

import java.io.Closeable;
import java.io.IOException;

/** Everything one server keeps on disk (or wherever the backend keeps it): its log and its snapshots. */
public interface PersistenceBackend extends Closeable {
    TxnLog log();

    SnapshotStore snapshots();

    /**
     * Keeps the {@code retainCount} newest snapshots and the log segments needed to replay from the oldest of
     * them; deletes the rest. Safe to call while the server runs.
     */
    void purge(int retainCount) throws IOException;
}
