package io.corral.bench.jmh;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.TxnLog;
import io.corral.persistence.file.FilePersistenceProvider;
import io.corral.protocol.OpCode;
import io.corral.protocol.txn.SetDataTxn;
import io.corral.protocol.txn.TxnHeader;
import io.corral.server.txn.TxnCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The file log's group commit: one batch of appends (encoding, framing and checksum of a setData of 100 bytes)
 * and one commit.
 * With {@code forceSync=no} it measures the CPU cost a batch adds to the fsync; with {@code yes}, the disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogAppendBench {
    @Param({"1", "100"})
    public int batch;

    @Param({"no"})
    public String forceSync;

    private Path dir;
    private PersistenceBackend backend;
    private TxnLog log;
    private final byte[] data = new byte[100];
    private long zxid;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("corral-jmh-log");
        backend = new FilePersistenceProvider().open(new PersistenceContext(dir, dir, Map.of("forceSync", forceSync)));
        log = backend.log();
    }

    @Benchmark
    public long appendBatchAndCommit() throws IOException {
        for (int i = 0; i < batch; i++) {
            zxid++;
            // The file format keeps the zxid in the transaction's header, so each entry is a real transaction.
            byte[] txn = TxnCodec.encode(new TxnHeader(1, (int) zxid, zxid, 0, OpCode.SET_DATA),
                    new SetDataTxn("/bench/n1", data, 1));
            log.append(new LogEntry(zxid, txn));
        }
        log.commit();
        return zxid;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        backend.close();
        TempDirs.delete(dir);
    }
}
