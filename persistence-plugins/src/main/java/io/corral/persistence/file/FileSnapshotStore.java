package io.corral.persistence.file;

import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import io.corral.api.persistence.SnapshotStore;
import io.corral.persistence.file.FileNames.SnapshotFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as ZooKeeper stores them: {@code snapshot.<hex zxid>} in {@link SnapshotFormat}'s layout.
 *
 * <p>Writing: into a temporary {@code .snapshot.*.partial} in the same directory (a name neither Corral nor
 * ZooKeeper lists as a snapshot), fsync, atomic rename, fsync the directory. A crash leaves either no file or a
 * complete one under the final name, never half a snapshot.
 *
 * <p>Loading is two passes over one open file. Pass 1 validates everything (structure, order, seals) without
 * keeping the nodes; pass 2 reads the file again and feeds the sink. Buffering a million nodes between a
 * single pass and the sink would cost gigabytes; feeding the sink in a single pass would leave the server with
 * a half-loaded tree when a seal fails at the end, with no way to fall back to an older snapshot. Reading the
 * file twice costs time (the second read is usually from the page cache) and no memory.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
    /** As ZooKeeper: give up after this many snapshots that looked complete but did not load. */
    static final int MAX_CANDIDATES = 100;
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private final Path dir;
    private volatile boolean directWrite;
    private volatile boolean directUnsupportedSaid;

    private FileSnapshotStore(Path dir, boolean directWrite) {
        this.dir = dir;
        this.directWrite = directWrite;
    }

    /** {@link #open(Path, boolean)} with direct writes where the file system has them. */
    static FileSnapshotStore open(Path dir) throws IOException {
        return open(dir, true);
    }

    /**
     * Opens the store in {@code dir} (a version-2 directory) and removes temporaries of interrupted writes.
     * {@code directWrite}: write snapshots with direct I/O when the file system allows it.
     */
    static FileSnapshotStore open(Path dir, boolean directWrite) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir,
                FileNames.SNAPSHOT_TEMP_PREFIX + "*" + FileNames.SNAPSHOT_TEMP_SUFFIX)) {
            for (Path t : temps) {
                LOG.info("Deleting {}, left by a snapshot write that did not finish", t);
                Files.deleteIfExists(t);
            }
        }
        return new FileSnapshotStore(dir, directWrite);
    }

    Path directory() {
        return dir;
    }

    /**
     * Writes the snapshot into {@code tmp}, durably: directly to the disk when the file system allows it (see
     * {@link DirectWriteOutputStream}), else through the page cache with paced fsyncs.
     */
    private SnapshotEncoder writeFile(Path tmp, SnapshotSource source) throws IOException {
        DirectWriteOutputStream direct = directWrite ? openDirect(tmp) : null;
        if (direct != null) {
            try (direct) {
                SnapshotEncoder encoder = new SnapshotEncoder(direct);
                source.writeTo(encoder);
                encoder.finish();
                direct.finish();
                return encoder;
            } catch (IOException e) {
                if (!direct.writeFailed()) {
                    throw e; // the source's failure, not the file's
                }
                // A file system that opens files for direct I/O and then refuses the writes (an alignment it did
                // not report) would otherwise fail every snapshot: write this one and the next ones buffered. A
                // real disk error fails the buffered write too, and that error is the one reported.
                directWrite = false;
                LOG.warn("Direct write of snapshot {} failed ({}); writing snapshots in {} through the page cache "
                        + "from now on", tmp.getFileName(), e.toString(), dir);
                Files.deleteIfExists(tmp);
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(
                    new PacedSyncOutputStream(Channels.newOutputStream(ch), ch, SYNC_EVERY_BYTES), 64 * 1024);
            SnapshotEncoder encoder = new SnapshotEncoder(out);
            source.writeTo(encoder);
            encoder.finish();
            out.flush();
            ch.force(true);
            return encoder;
        }
    }

    /** {@code tmp} opened for direct writes, or null (said once) when this directory's file system has none. */
    private DirectWriteOutputStream openDirect(Path tmp) throws IOException {
        try {
            return DirectWriteOutputStream.create(tmp);
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(tmp);
            if (!directUnsupportedSaid) {
                directUnsupportedSaid = true;
                LOG.info("Snapshots in {} are written through the page cache: direct I/O is not available there ({})",
                        dir, e.toString());
            }
            return null;
        }
    }

    /** See {@link PacedSyncOutputStream}: how much of a snapshot may be written before it is fsynced. */
    static final long SYNC_EVERY_BYTES = 16L * 1024 * 1024;

    @Override
    public void write(long zxid, SnapshotSource source) throws IOException {
        if (zxid < 0) {
            throw new IllegalArgumentException("snapshot zxid must not be negative: " + zxid);
        }
        String hex = Long.toHexString(zxid);
        Path tmp = dir.resolve(FileNames.SNAPSHOT_TEMP_PREFIX + hex + "." + TEMP_COUNTER.incrementAndGet() + "."
                + System.nanoTime() + FileNames.SNAPSHOT_TEMP_SUFFIX);
        Path target = dir.resolve(FileNames.snapshotName(zxid));
        boolean renamed = false;
        try {
            SnapshotEncoder encoder = writeFile(tmp, source);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
            Directories.sync(dir);
            LOG.info("Wrote snapshot {}: {} nodes, {} bytes", target, encoder.nodes(), encoder.bytes());
        } finally {
            if (!renamed) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public long loadNewest(SnapshotSink sink) throws IOException {
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (SnapshotFile f : FileNames.listSnapshots(dir)) {
            if (tried == MAX_CANDIDATES) {
                break;
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(f.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                LOG.info("Snapshot {} was deleted (purged) before it could be read; trying an older one", f.path());
                continue;
            }
            try (ch) {
                String quick;
                try {
                    quick = SnapshotFiles.quickCheck(f, ch);
                } catch (IOException e) {
                    tried++; // unreadable is not "incomplete": it must not make the store look empty
                    LOG.warn("Skipping snapshot {}: it cannot be read ({})", f.path(), e.getMessage());
                    failures.add(f.path().getFileName() + ": " + e.getMessage());
                    continue;
                }
                if (quick != null) {
                    LOG.warn("Skipping snapshot {}: {}", f.path(), quick);
                    continue;
                }
                tried++;
                SnapshotDecoder.Summary checked;
                long began = System.nanoTime();
                try (InputStream in = SnapshotFiles.stream(f, ch)) {
                    checked = SnapshotDecoder.decode(in, null);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Skipping snapshot {}: {}; trying an older one", f.path(), e.getMessage());
                    failures.add(f.path().getFileName() + ": " + e.getMessage());
                    continue;
                }
                long checkedAt = System.nanoTime();
                feed(f, ch, sink);
                LOG.info("Loaded snapshot {}: {} nodes, {} sessions, {} ACL lists{}{}; checked in {} ms, loaded in {} ms",
                        f.path(), checked.nodes(), checked.sessions(), checked.aclLists(),
                        checked.digest() ? ", digest section" : "", checked.lastZxid() ? ", last-zxid section" : "",
                        (checkedAt - began) / 1_000_000, (System.nanoTime() - checkedAt) / 1_000_000);
                return f.zxid();
            }
        }
        if (tried == 0) {
            return -1;
        }
        throw new IOException("None of the " + tried + " newest snapshots in " + dir + " could be loaded: "
                + String.join("; ", failures) + ". Restore a snapshot from a replica or a backup; starting empty "
                + "would lose the data they held.");
    }

    /** Pass 2: the file passed pass 1 on this very channel, so a format error here means the disk changed it. */
    private static void feed(SnapshotFile f, FileChannel ch, SnapshotSink sink) throws IOException {
        try (InputStream in = SnapshotFiles.stream(f, ch)) {
            SnapshotDecoder.decode(in, sink);
        } catch (SnapshotFormatException e) {
            throw new IOException("Snapshot " + f.path() + " validated, then failed on the second read ("
                    + e.getMessage() + "): the sink holds part of it. Check the disk.", e);
        }
    }

    @Override
    public void deleteAfter(long zxid) throws IOException {
        boolean deleted = false;
        for (SnapshotFile f : FileNames.listSnapshots(dir)) {
            if (Long.compareUnsigned(f.zxid(), zxid) > 0) {
                LOG.info("Deleting snapshot {}: it is newer than 0x{}, where the leader truncated this server's log",
                        f.path(), Long.toHexString(zxid));
                Files.deleteIfExists(f.path());
                deleted = true;
            }
        }
        if (deleted) {
            Directories.sync(dir);
        }
    }

    @Override
    public List<Long> list() throws IOException {
        List<Long> zxids = new ArrayList<>();
        for (SnapshotFile f : FileNames.listSnapshots(dir)) {
            if (zxids.isEmpty() || zxids.get(zxids.size() - 1) != f.zxid()) {
                zxids.add(f.zxid());
            }
        }
        return zxids;
    }
}
