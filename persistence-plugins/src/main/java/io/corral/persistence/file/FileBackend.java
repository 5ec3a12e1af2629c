package io.corral.persistence.file;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;

/** The log in {@code dataLogDir/version-2} and the snapshots in {@code dataDir/version-2}. */
final class FileBackend implements PersistenceBackend {
    private final FileTxnLog log;
    private final FileSnapshotStore snapshots;

    FileBackend(FileTxnLog log, FileSnapshotStore snapshots) {
        this.log = log;
        this.snapshots = snapshots;
    }

    static FileBackend open(Path dataDir, Path dataLogDir, FileSettings settings) throws IOException {
        Path snapDir = Directories.versionDir(dataDir);
        Path logDir = Directories.versionDir(dataLogDir == null ? dataDir : dataLogDir);
        FileSnapshotStore snapshots = FileSnapshotStore.open(snapDir, settings.snapshotDirectWrite());
        return new FileBackend(FileTxnLog.open(logDir, settings), snapshots);
    }

    @Override
    public FileTxnLog log() {
        return log;
    }

    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /**
     * Safe while the server runs: it deletes only files older than the log being appended to, and snapshots
     * older than ones already complete. A reader still going through an old log file fails if it is deleted.
     */
    @Override
    public void purge(int retainCount) throws IOException {
        Purger.purge(snapshots.directory(), log.directory(), retainCount);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
