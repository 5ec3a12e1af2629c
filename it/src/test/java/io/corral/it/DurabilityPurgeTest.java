package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import io.corral.it.support.JavaTool;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;
import io.corral.it.support.TxnLogFile;
import io.corral.it.support.Zk;

/**
 * Purging old snapshots and logs: with a small snapCount the server leaves many snapshots and log files; the purge
 * tool ({@code io.corral.persistence.file.PurgeTool <dataDir> <dataLogDir> -n 3}; for the reference,
 * {@code org.apache.zookeeper.server.PurgeTxnLog <dataLogDir> <dataDir> -n 3}) is run beside the running server and
 * again after a kill -9. Afterwards at most 3 snapshots remain, older logs are gone, and the restarted server still
 * has every write. (autopurge.purgeInterval is in hours, hence the tool rather than the server's own schedule.)
 */
class DurabilityPurgeTest {

    private static final int RETAIN = 3;
    private static final int FIRST_BATCH = 300;
    private static final int SECOND_BATCH = 60;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private static String path(int i) {
        return String.format("/p/n%04d", i);
    }

    private static byte[] data(int i) {
        return ("node " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Every 10th node of the first batch is deleted again. */
    private static boolean deleted(int i) {
        return i < FIRST_BATCH && i % 10 == 3;
    }

    private static JavaTool.Result purge(ServerProcess server) throws Exception {
        Path dataDir = server.dataDir();
        Path dataLogDir = server.dataLogDir();
        JavaTool.Result r = server.target() == Target.ZOOKEEPER
                ? JavaTool.run(Target.ZOOKEEPER, "org.apache.zookeeper.server.PurgeTxnLog", TOOL_TIMEOUT,
                        dataLogDir.toString(), dataDir.toString(), "-n", Integer.toString(RETAIN))
                : JavaTool.run(Target.CORRAL, "io.corral.persistence.file.PurgeTool", TOOL_TIMEOUT,
                        dataDir.toString(), dataLogDir.toString(), "-n", Integer.toString(RETAIN));
        assertEquals(0, r.exitCode(), () -> "purge tool failed; output " + r.logFile() + ":\n" + r.output());
        return r;
    }

    @Test
    void purgeKeepsThreeSnapshotsAndTheServerStillRecoversEverything() throws Exception {
        ServerProcess server = ServerProcess.builder(DurabilityPurgeTest.class).durable().snapCount(20)
                .set("autopurge.snapRetainCount", Integer.toString(RETAIN)).separateDataLogDir().start();
        try {
            ZooKeeper zk = Zk.connect(server.connectString());
            try {
                Zk.createPersistent(zk, "/p");
                for (int i = 0; i < FIRST_BATCH; i++) {
                    Zk.createPersistent(zk, path(i), data(i));
                }
                for (int i = 0; i < FIRST_BATCH; i++) {
                    if (deleted(i)) {
                        zk.delete(path(i), -1);
                    }
                }
            } finally {
                Zk.closeQuietly(zk);
            }
            List<Path> snapsBefore = TxnLogFile.snapshots(server.snapshotDir());
            List<Path> logsBefore = TxnLogFile.logs(server.txnLogDir());
            assertTrue(snapsBefore.size() > RETAIN, () -> "snapCount=20 should have left more than " + RETAIN
                    + " snapshots, found " + snapsBefore);

            // Beside the running server: it must keep serving and writing.
            JavaTool.Result online = purge(server);
            System.out.println("DurabilityPurgeTest: " + snapsBefore.size() + " snapshots and " + logsBefore.size()
                    + " logs before the online purge, " + TxnLogFile.snapshots(server.snapshotDir()).size() + " and "
                    + TxnLogFile.logs(server.txnLogDir()).size() + " after (tool output " + online.logFile() + ")");

            zk = Zk.connect(server.connectString());
            try {
                for (int i = FIRST_BATCH; i < FIRST_BATCH + SECOND_BATCH; i++) {
                    Zk.createPersistent(zk, path(i), data(i));
                }
            } finally {
                server.kill9();
                Zk.closeQuietly(zk);
            }

            List<Path> logsBeforeOffline = TxnLogFile.logs(server.txnLogDir());
            purge(server);
            List<Path> snaps = TxnLogFile.snapshots(server.snapshotDir());
            List<Path> logs = TxnLogFile.logs(server.txnLogDir());
            System.out.println("DurabilityPurgeTest: after the offline purge " + snaps.size() + " snapshots "
                    + names(snaps) + ", " + logs.size() + " logs " + names(logs) + " (had " + logsBeforeOffline.size()
                    + ")");
            assertTrue(snaps.size() <= RETAIN, () -> "at most " + RETAIN + " snapshots should remain: " + snaps);
            assertTrue(snaps.size() >= 1, "the purge must keep the newest snapshots");
            assertTrue(!logs.contains(logsBefore.get(0)), () -> "the oldest log " + logsBefore.get(0).getFileName()
                    + " should have been removed: " + names(logs));
            long oldestKept = TxnLogFile.zxidOf(snaps.get(0));
            assertTrue(logs.stream().filter(l -> TxnLogFile.zxidOf(l) < oldestKept).count() <= 1,
                    () -> "logs wholly before the oldest kept snapshot 0x" + Long.toHexString(oldestKept)
                            + " should be gone: " + names(logs));

            server.restart();
            zk = Zk.connect(server.connectString());
            try {
                int present = 0;
                for (int i = 0; i < FIRST_BATCH + SECOND_BATCH; i++) {
                    if (deleted(i)) {
                        assertNull(zk.exists(path(i), false), path(i) + " was deleted before the purge");
                    } else {
                        int n = i;
                        assertArrayEquals(data(i), zk.getData(path(i), false, null),
                                () -> path(n) + " lost after purge + restart (log " + server.logFile() + ")");
                        present++;
                    }
                }
                assertEquals(present, zk.getChildren("/p", false).size());
            } finally {
                Zk.closeQuietly(zk);
            }
        } finally {
            server.stop();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
