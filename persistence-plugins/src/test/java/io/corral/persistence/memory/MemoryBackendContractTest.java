package io.corral.persistence.memory;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceBackendContract;
import io.corral.api.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.Map;

/** The SPI contract against the memory backend: everything but durability across reopen. */
class MemoryBackendContractTest extends PersistenceBackendContract {
    @Override
    protected PersistenceBackend open(Path dir) {
        return new MemoryPersistenceProvider().open(new PersistenceContext(dir, dir, Map.of()));
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}
