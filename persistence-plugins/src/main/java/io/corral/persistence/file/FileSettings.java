package io.corral.persistence.file;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The zoo.cfg keys the file backend reads, under ZooKeeper's names without the {@code zookeeper.} prefix.
 *
 * @param preAllocBytes  the log grows in steps of this many bytes ({@code preAllocSize} is in KB); 0 turns
 *                       preallocation off
 * @param forceSync      fsync the log on every commit; off only for throwaway data
 * @param logSizeLimitBytes a log file that has grown past this starts a new one at the next append; -1 = no limit
 * @param snapshotDirectWrite write snapshots with direct I/O where the file system allows it (a Corral key, not
 *                       ZooKeeper's; see {@link DirectWriteOutputStream})
 */
record FileSettings(long preAllocBytes, boolean forceSync, long logSizeLimitBytes, boolean snapshotDirectWrite) {
    static final String PRE_ALLOC_SIZE = "preAllocSize";
    static final String FORCE_SYNC = "forceSync";
    static final String LOG_SIZE_LIMIT = "txnLogSizeLimitInKb";
    static final String SNAPSHOT_DIRECT_WRITE = "snapshot.directWrite";
    /** ZooKeeper's default: 64 MiB. */
    static final long DEFAULT_PRE_ALLOC_KB = 65536;
    /** KB values above this would overflow once turned into bytes, and are no sensible size anyway. */
    private static final long MAX_KB = Integer.MAX_VALUE;

    /** Settings of the log alone, snapshots written directly. */
    FileSettings(long preAllocBytes, boolean forceSync, long logSizeLimitBytes) {
        this(preAllocBytes, forceSync, logSizeLimitBytes, true);
    }

    static FileSettings defaults() {
        return new FileSettings(DEFAULT_PRE_ALLOC_KB * 1024, true, -1);
    }

    static FileSettings parse(Map<String, String> settings) throws IOException {
        long preAllocKb = kilobytes(settings, PRE_ALLOC_SIZE, DEFAULT_PRE_ALLOC_KB);
        if (preAllocKb < 0) {
            throw bad(PRE_ALLOC_SIZE, settings.get(PRE_ALLOC_SIZE),
                    "a size in KB from 0 (no preallocation) to " + MAX_KB + "; the default is " + DEFAULT_PRE_ALLOC_KB);
        }
        boolean forceSync = bool(settings, FORCE_SYNC, true);
        long limitKb = kilobytes(settings, LOG_SIZE_LIMIT, -1);
        boolean snapshotDirectWrite = bool(settings, SNAPSHOT_DIRECT_WRITE, true);
        return new FileSettings(preAllocKb * 1024, forceSync, limitKb > 0 ? limitKb * 1024 : -1, snapshotDirectWrite);
    }

    private static long kilobytes(Map<String, String> settings, String key, long dflt) throws IOException {
        String raw = settings.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a whole number of KB");
        }
        if (v > MAX_KB) {
            throw bad(key, raw, "at most " + MAX_KB + " KB");
        }
        return v;
    }

    private static boolean bool(Map<String, String> settings, String key, boolean dflt) throws IOException {
        String raw = settings.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw bad(key, raw, "yes or no (true and false are accepted too)");
        };
    }

    private static IOException bad(String key, String value, String expected) {
        return new IOException("Bad value '" + value + "' for " + key + " (persistence.provider=file): expected "
                + expected + ". Fix zoo.cfg.");
    }
}
