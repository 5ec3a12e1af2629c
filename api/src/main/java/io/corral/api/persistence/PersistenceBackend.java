package io.corral.api.persistence;

import java.io.Closeable;

/**
 * Everything one server keeps on disk (or wherever the backend keeps it). Snapshot storage joins the
 * transaction log here when durable storage lands.
 */
public interface PersistenceBackend extends Closeable {
    TxnLog log();
}
