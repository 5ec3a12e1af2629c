package io.corral.bench.jmh;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.persistence.file.FilePersistenceProvider;
import io.corral.server.persist.SnapshotWriter;
import io.corral.server.tree.DataTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fuzzy snapshot of a large tree, the cost that decides how much CPU a busy ensemble member keeps for requests:
 * at tens of thousands of writes a second every member reaches snapCount every few seconds. The tree has the
 * shape the load generator's create workload leaves (100 sessions' parents, children created round-robin so that
 * siblings are not neighbours in memory, then every node's data replaced once, as the set workload does).
 *
 * <p>{@code walk} is the tree walk alone into a sink that discards; {@code file} the whole write by the file
 * backend, checksum and fsyncs included ({@code forceSync} does not apply to snapshots).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Xms2g"})
public class SnapshotBench {
    private static final int PARENTS = 100;

    @Param({"1000000"})
    public int nodes;

    /** Where {@code file} writes: the default temp directory, or e.g. /dev/shm to leave the disk out (CPU only). */
    @Param({""})
    public String dir;

    private DataTree tree;
    private Path snapDir;
    private PersistenceBackend backend;
    private long zxid;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        tree = new DataTree(false);
        tree.create("/bench", new byte[0], DataTree.OPEN_ACL, 0, 0, ++zxid, 0);
        for (int p = 0; p < PARENTS; p++) {
            tree.create("/bench/p" + p, new byte[0], DataTree.OPEN_ACL, 0, 0, ++zxid, 0);
        }
        byte[] data = new byte[100];
        for (int i = 0; i < nodes; i++) {
            tree.create("/bench/p" + (i % PARENTS) + "/n" + i / PARENTS, data, DataTree.OPEN_ACL, 0, i / PARENTS,
                    ++zxid, zxid);
        }
        for (int i = 0; i < nodes; i++) {
            tree.setData("/bench/p" + (i % PARENTS) + "/n" + i / PARENTS, data, 1, ++zxid, zxid);
        }
        snapDir = dir.isEmpty() ? Files.createTempDirectory("corral-jmh-snap")
                : Files.createTempDirectory(Path.of(dir), "corral-jmh-snap");
        backend = new FilePersistenceProvider().open(new PersistenceContext(snapDir, snapDir, Map.of()));
    }

    @Benchmark
    public long walk() throws IOException {
        Discard sink = new Discard();
        new SnapshotWriter(tree, Map.of(), zxid).writeTo(sink);
        return sink.bytes;
    }

    @Benchmark
    public long file() throws IOException {
        backend.snapshots().write(zxid, new SnapshotWriter(tree, Map.of(), zxid));
        backend.snapshots().deleteAfter(zxid - 1);
        return zxid;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        backend.close();
        TempDirs.delete(snapDir);
    }

    /** Touches what an encoding sink would read, and keeps nothing. */
    private static final class Discard implements SnapshotSink {
        long bytes;

        @Override
        public void sessions(Map<Long, Integer> sessions) {
        }

        @Override
        public void acls(Map<Long, List<AclEntry>> acls) {
        }

        @Override
        public void node(SnapshotNode node) {
            throw new UnsupportedOperationException("the writer gives nodes by their parts");
        }

        @Override
        public void node(String path, byte[] data, int dataOffset, int dataLength, long aclKey, long czxid,
                         long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
                         long ephemeralOwner, long pzxid) {
            bytes += path.length() + dataLength + (data == null || dataLength == 0 ? 0 : data[dataOffset]) + mzxid;
        }
    }
}
