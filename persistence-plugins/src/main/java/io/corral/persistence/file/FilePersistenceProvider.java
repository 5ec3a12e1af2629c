package io.corral.persistence.file;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import java.io.IOException;

/**
 * {@code persistence.provider=file}: the transaction log and snapshots in Apache ZooKeeper 3.9's on-disk format,
 * in {@code dataLogDir/version-2} and {@code dataDir/version-2}. Reads {@code preAllocSize} (KB, default 65536),
 * {@code forceSync} (yes/no, default yes) and {@code txnLogSizeLimitInKb} (default off) from zoo.cfg.
 */
public final class FilePersistenceProvider implements PersistenceProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public PersistenceBackend open(PersistenceContext context) throws IOException {
        if (context.dataDir() == null) {
            throw new IOException("persistence.provider=file needs dataDir in zoo.cfg");
        }
        return FileBackend.open(context.dataDir(), context.dataLogDir(), FileSettings.parse(context.settings()));
    }
}
