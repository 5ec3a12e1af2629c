package io.corral.persistence.memory;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import io.corral.api.persistence.SnapshotStore;
import io.corral.api.persistence.TxnLog;

/**
 * {@code persistence.provider=memory}: nothing survives a restart. For tests and throwaway servers; snapshots
 * and purge behave as in a durable backend so that the server's code paths are the same.
 */
public final class MemoryPersistenceProvider implements PersistenceProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public PersistenceBackend open(PersistenceContext context) {
        MemoryTxnLog log = new MemoryTxnLog();
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        return new PersistenceBackend() {
            @Override
            public TxnLog log() {
                return log;
            }

            @Override
            public SnapshotStore snapshots() {
                return snapshots;
            }

            @Override
            public void purge(int retainCount) {
                long oldest = snapshots.purge(retainCount);
                if (oldest >= 0) {
                    log.dropUpTo(oldest);
                }
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }
}
