package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.LogReader;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceFixtures.RecordingSink;
import io.corral.api.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.apache.zookeeper.txn.CloseSessionTxn;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateSessionTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.ErrorTxn;
import org.apache.zookeeper.txn.MultiTxn;
import org.apache.zookeeper.txn.SetACLTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.Txn;
import org.apache.zookeeper.txn.TxnDigest;
import org.apache.zookeeper.txn.TxnHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataDir written by Apache ZooKeeper 3.9.3 itself (its FileTxnSnapLog and DataTree): our backend must read
 * its snapshot (with ZooKeeper's digest and last-zxid sections) node for node and its log entry for entry.
 */
class ZooKeeperWritesCorralReadsTest {
    private static final long SESSION = 0x1000_0abc_0000_0001L;
    private static final long OTHER_SESSION = 0x1000_0abc_0000_0002L;
    private static final List<ACL> DIGEST_ACL = List.of(
            new ACL(ZooDefs.Perms.ALL, new Id("digest", "alice:XDkd2dsEuhc9ImU3q8pa8UOdtpI=")),
            new ACL(ZooDefs.Perms.READ, new Id("world", "anyone")));

    @TempDir
    Path tmp;

    private final DataTree dt = new DataTree();
    private final ConcurrentHashMap<Long, Integer> sessions = new ConcurrentHashMap<>();
    private final List<byte[]> written = new ArrayList<>();
    private FileTxnSnapLog zk;
    private long zxid;

    @BeforeAll
    static void smallPreallocation() {
        FileTxnLog.setPreallocSize(64 * 1024);
    }

    /** Applies a txn to ZooKeeper's tree and logs it as its server does, tree digest included. */
    private void txn(long session, int type, Record record) throws IOException {
        zxid++;
        TxnHeader hdr = new TxnHeader(session, (int) zxid, zxid, Txns.TIME + zxid, type);
        dt.processTxn(hdr, record);
        if (type == OpCode.createSession) {
            sessions.put(session, ((CreateSessionTxn) record).getTimeOut());
        } else if (type == OpCode.closeSession) {
            sessions.remove(session);
        }
        Request r = new Request(session, (int) zxid, type, hdr, record, zxid);
        if (type != OpCode.error) {
            r.setTxnDigest(new TxnDigest(2, dt.getTreeDigest()));
        }
        zk.append(r);
        written.add(r.getSerializeData());
    }

    private static byte[] bytes(Record r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.serialize(BinaryOutputArchive.getArchive(out), "txn");
        return out.toByteArray();
    }

    private int cversion(String path) {
        return dt.getNode(path).stat.getCversion() + 1;
    }

    @Test
    void ourBackendReadsZooKeepersSnapshotAndLog() throws Exception {
        Path data = tmp.resolve("data");
        Path logs = tmp.resolve("logs");
        zk = new FileTxnSnapLog(logs.toFile(), data.toFile());
        txn(SESSION, OpCode.createSession, new CreateSessionTxn(30_000));
        txn(OTHER_SESSION, OpCode.createSession, new CreateSessionTxn(12_000));
        txn(SESSION, OpCode.create, new CreateTxn("/app", "v1".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, false,
                cversion("/")));
        txn(SESSION, OpCode.create2, new CreateTxn("/app/eph", null, DIGEST_ACL, true, cversion("/app")));
        txn(SESSION, OpCode.createContainer, new CreateContainerTxn("/app/box", new byte[0],
                ZooDefs.Ids.CREATOR_ALL_ACL, cversion("/app")));
        txn(SESSION, OpCode.createTTL, new CreateTTLTxn("/app/ttl", "t".getBytes(), ZooDefs.Ids.READ_ACL_UNSAFE,
                cversion("/app"), 60_000));
        txn(SESSION, OpCode.setData, new SetDataTxn("/app", "v2".getBytes(), 1));
        txn(SESSION, OpCode.setACL, new SetACLTxn("/app/box", DIGEST_ACL, 1));
        txn(SESSION, OpCode.multi, new MultiTxn(List.of(
                new Txn(OpCode.create, bytes(new CreateTxn("/app/m", "ü".getBytes("UTF-8"),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, false, cversion("/app")))),
                new Txn(OpCode.setData, bytes(new SetDataTxn("/app", "v3".getBytes(), 2))))));
        txn(SESSION, OpCode.error, new ErrorTxn(-110));
        txn(OTHER_SESSION, OpCode.create, new CreateTxn("/app/o", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, true,
                cversion("/app")));
        zk.commit();
        zk.rollLog();
        long snapZxid = zxid;
        zk.save(dt, sessions, true);
        Map<String, ZkTrees.NodeState> atSnapshot = ZkTrees.copy(dt);
        Map<Long, Integer> sessionsAtSnapshot = Map.copyOf(sessions);
        txn(SESSION, OpCode.delete, new DeleteTxn("/app/ttl"));
        txn(SESSION, OpCode.create, new CreateTxn("/later", new byte[] {1, 2}, DIGEST_ACL, false, cversion("/")));
        txn(SESSION, OpCode.closeSession, new CloseSessionTxn(List.of("/app/eph")));
        zk.commit();
        zk.close();

        try (PersistenceBackend b = new FilePersistenceProvider().open(new PersistenceContext(data, logs,
                Map.of("preAllocSize", "64")))) {
            RecordingSink sink = new RecordingSink();
            assertEquals(snapZxid, b.snapshots().loadNewest(sink));
            assertEquals(sessionsAtSnapshot, sink.sessions);
            ZkTrees.assertSameNodes(atSnapshot, ZkTrees.loaded(sink));
            assertEquals(List.of("/", "/app"), sink.nodes.stream().limit(2).map(n -> n.path()).toList(),
                    "the root first, then depth-first");

            assertEquals(zxid, b.log().lastZxid());
            List<LogEntry> all = readAll(b, 0);
            assertEquals(written.size(), all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).zxid());
                assertArrayEquals(written.get(i), all.get(i).bytes(), "entry " + (i + 1));
            }
            assertEquals(List.of(snapZxid + 1, snapZxid + 2, snapZxid + 3),
                    readAll(b, snapZxid).stream().map(LogEntry::zxid).toList());
        }

        // The inspectors read ZooKeeper's files too.
        Path logFile = logs.resolve("version-2/log.1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, LogInspector.run(new String[] {logFile.toString()}, new PrintStream(out), System.err));
        List<String> lines = out.toString().lines().toList();
        assertEquals(snapZxid, lines.size(), out.toString());
        assertTrue(lines.get(3).matches("0x4 \\S+Z session 0x10000abc00000001 cxid 0x4 create2 /app/eph ephemeral"
                + " dataLength -1"), lines.get(3));
        assertTrue(lines.get(8).contains("multi [create /app/m dataLength 2; setData /app version 2 dataLength 2]"),
                lines.get(8));
        assertTrue(lines.get(9).contains(" error "), lines.get(9));

        Path snapFile;
        try (Stream<Path> files = Files.list(data.resolve("version-2"))) {
            snapFile = files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).findFirst().get();
        }
        out.reset();
        assertEquals(0, SnapshotInspector.run(new String[] {snapFile.toString()}, new PrintStream(out), System.err));
        String text = out.toString();
        assertTrue(text.startsWith("sessions: 2\n/ dataLength "), text);
        assertTrue(text.contains("/app/eph dataLength -1 czxid 0x4 mzxid 0x4 ephemeralOwner 0x10000abc00000001"), text);
        assertTrue(text.contains("sections after the seal: digest lastProcessedZxid; seals OK"), text);
    }

    private static List<LogEntry> readAll(PersistenceBackend b, long after) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        try (LogReader r = b.log().readAfter(after)) {
            for (LogEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }
}
