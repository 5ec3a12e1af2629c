package io.corral.persistence.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ZooKeeper's file names: {@code log.<hex zxid>} and {@code snapshot.<hex zxid>[.gz|.snappy]}, where the zxid
 * is {@link Long#toHexString} of the first entry (logs) or of the last applied txn when the snapshot began.
 * Names that do not parse are not ours and are left alone.
 */
final class FileNames {
    static final String VERSION_DIR = "version-2";
    static final String LOG_PREFIX = "log.";
    static final String SNAPSHOT_PREFIX = "snapshot.";
    /** Temporary snapshots start with a dot so that neither we nor ZooKeeper ever take them for snapshots. */
    static final String SNAPSHOT_TEMP_PREFIX = ".snapshot.";
    static final String SNAPSHOT_TEMP_SUFFIX = ".partial";

    enum Compression { NONE, GZIP, SNAPPY }

    /** A log file and the zxid in its name. */
    record LogFile(long startZxid, Path path) {
    }

    /** A snapshot file, the zxid in its name and how its stream is compressed. */
    record SnapshotFile(long zxid, Path path, Compression compression) {
    }

    private FileNames() {
    }

    static String logName(long zxid) {
        return LOG_PREFIX + Long.toHexString(zxid);
    }

    static String snapshotName(long zxid) {
        return SNAPSHOT_PREFIX + Long.toHexString(zxid);
    }

    /** The log files of {@code dir}, oldest (smallest start zxid) first. */
    static List<LogFile> listLogs(Path dir) throws IOException {
        List<LogFile> logs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, LOG_PREFIX + "*")) {
            for (Path p : entries) {
                String rest = p.getFileName().toString().substring(LOG_PREFIX.length());
                long zxid = parseHex(rest);
                if (zxid >= 0 && Files.isRegularFile(p)) {
                    logs.add(new LogFile(zxid, p));
                }
            }
        }
        logs.sort(Comparator.comparingLong(LogFile::startZxid));
        return logs;
    }

    /** The snapshot files of {@code dir}, newest (largest zxid) first. */
    static List<SnapshotFile> listSnapshots(Path dir) throws IOException {
        List<SnapshotFile> snaps = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, SNAPSHOT_PREFIX + "*")) {
            for (Path p : entries) {
                SnapshotFile s = parseSnapshot(p);
                if (s != null && Files.isRegularFile(p)) {
                    snaps.add(s);
                }
            }
        }
        // Newest first; for one zxid the uncompressed file first, since it needs no codec.
        snaps.sort(Comparator.comparingLong(SnapshotFile::zxid).reversed()
                .thenComparing(SnapshotFile::compression));
        return snaps;
    }

    /** Null unless the name is {@code snapshot.<hex>} with no suffix or a {@code .gz} / {@code .snappy} one. */
    static SnapshotFile parseSnapshot(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(SNAPSHOT_PREFIX)) {
            return null;
        }
        String rest = name.substring(SNAPSHOT_PREFIX.length());
        Compression compression = Compression.NONE;
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            String suffix = rest.substring(dot + 1);
            rest = rest.substring(0, dot);
            if (suffix.equals("gz")) {
                compression = Compression.GZIP;
            } else if (suffix.equals("snappy")) {
                compression = Compression.SNAPPY;
            } else {
                return null; // e.g. ZooKeeper's own "snapshot.<zxid>.tmp" of an interrupted write
            }
        }
        long zxid = parseHex(rest);
        return zxid < 0 ? null : new SnapshotFile(zxid, p, compression);
    }

    /** The zxid of a hex name part, or -1 when it is not one (zxids are never negative). */
    static long parseHex(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return -1;
            }
        }
        long v = Long.parseUnsignedLong(s, 16);
        return v < 0 ? -1 : v;
    }
}
