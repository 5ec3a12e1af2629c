package io.corral.bench.jmh;

import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data tree alone, as the pipeline thread uses it: a lookup by path (every read), and a create followed by a
 * delete of a leaf under a parent with many children (every create and delete updates the parent's child table).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DataTreeBench {
    @Param({"100000"})
    public int nodes;

    private DataTree tree;
    private String[] paths;
    private final byte[] data = new byte[100];
    private long zxid;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        tree = new DataTree(false);
        tree.create("/bench", new byte[0], DataTree.OPEN_ACL, 0, 0, ++zxid, 0);
        paths = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            paths[i] = "/bench/n" + i;
            tree.create(paths[i], data, DataTree.OPEN_ACL, 0, i, ++zxid, 0);
        }
    }

    @Benchmark
    public DataNode get() {
        next = next + 1 == nodes ? 0 : next + 1;
        return tree.get(paths[next]);
    }

    @Benchmark
    public int createThenDelete() {
        String path = "/bench/x";
        tree.create(path, data, DataTree.OPEN_ACL, 0, 0, ++zxid, 0);
        return tree.delete(path, ++zxid);
    }
}
