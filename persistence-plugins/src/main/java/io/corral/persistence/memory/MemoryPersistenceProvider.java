package io.corral.persistence.memory;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import io.corral.api.persistence.TxnLog;

/** {@code persistence.provider=memory}: nothing survives a restart. For tests and throwaway servers. */
public final class MemoryPersistenceProvider implements PersistenceProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public PersistenceBackend open(PersistenceContext context) {
        MemoryTxnLog log = new MemoryTxnLog();
        return new PersistenceBackend() {
            @Override
            public TxnLog log() {
                return log;
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }
}
