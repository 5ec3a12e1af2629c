package io.corral.persistence.file;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceBackendContract;
import io.corral.api.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The SPI contract against the file backend, including durability across close and open. */
class FileBackendContractTest extends PersistenceBackendContract {
    @Override
    protected PersistenceBackend open(Path dir) throws IOException {
        return new FilePersistenceProvider().open(new PersistenceContext(dir.resolve("data"), dir.resolve("log"),
                Map.of("preAllocSize", "64")));
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
