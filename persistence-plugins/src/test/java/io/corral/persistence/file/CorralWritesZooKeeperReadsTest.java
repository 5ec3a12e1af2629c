package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceFixtures.RecordingSink;
import io.corral.api.persistence.PersistenceContext;
import io.corral.protocol.OpCode;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.txn.CloseSessionTxn;
import io.corral.protocol.txn.CreateContainerTxn;
import io.corral.protocol.txn.CreateSessionTxn;
import io.corral.protocol.txn.CreateTTLTxn;
import io.corral.protocol.txn.CreateTxn;
import io.corral.protocol.txn.DeleteTxn;
import io.corral.protocol.txn.ErrorTxn;
import io.corral.protocol.txn.MultiTxn;
import io.corral.protocol.txn.SetACLTxn;
import io.corral.protocol.txn.SetDataTxn;
import io.corral.protocol.txn.Txn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.TxnLogEntry;
import org.apache.zookeeper.server.persistence.FileSnap;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.apache.zookeeper.server.persistence.TxnLog.TxnIterator;
import org.apache.zookeeper.server.util.SerializeUtils;
import org.apache.zookeeper.txn.TxnHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataDir written by our backend, with entries encoded by corral-protocol's records, read by Apache ZooKeeper
 * 3.9.3: FileSnap, the FileTxnLog iterator and a full FileTxnSnapLog.restore must all see what we wrote.
 */
class CorralWritesZooKeeperReadsTest {
    private static final long SESSION = 0x2000_0000_0000_0007L;
    private static final long KEEPER = 0x2000_0000_0000_0008L;
    private static final List<ACL> OPEN = List.of(new ACL(31, new Id("world", "anyone")));
    private static final List<ACL> DIGEST = List.of(new ACL(31, new Id("digest", "bob:3Jh2JfRBOT1pZyQRgJrtLQ4sK9Y=")),
            new ACL(1, new Id("ip", "10.1.2.3")));

    @TempDir
    Path tmp;

    /** A reference tree: ZooKeeper applying the very bytes we log, decoded by ZooKeeper. */
    private final DataTree reference = new DataTree();
    private final Map<Long, Integer> referenceSessions = new HashMap<>();
    private final List<LogEntry> written = new ArrayList<>();
    private PersistenceBackend backend;
    private long zxid;

    private void txn(long session, int type, io.corral.protocol.jute.Record body) throws IOException {
        zxid++;
        LogEntry e = Txns.entry(session, (int) zxid, zxid, type, body);
        backend.log().append(e);
        written.add(e);
        TxnLogEntry decoded = SerializeUtils.deserializeTxn(e.bytes());
        reference.processTxn(decoded.getHeader(), decoded.getTxn());
        if (type == OpCode.CREATE_SESSION) {
            referenceSessions.put(session, ((CreateSessionTxn) body).timeOut());
        } else if (type == OpCode.CLOSE_SESSION) {
            referenceSessions.remove(session);
        }
    }

    private int next(String path) {
        return reference.getNode(path).stat.getCversion() + 1;
    }

    private static byte[] bytes(io.corral.protocol.jute.Record r) {
        return JuteOutput.encode(r);
    }

    @Test
    void zooKeeperReadsOurSnapshotAndLog() throws Exception {
        Path data = tmp.resolve("data");
        Path logs = tmp.resolve("logs");
        backend = new FilePersistenceProvider().open(new PersistenceContext(data, logs, Map.of("preAllocSize", "64")));
        txn(SESSION, OpCode.CREATE_SESSION, new CreateSessionTxn(20_000));
        txn(KEEPER, OpCode.CREATE_SESSION, new CreateSessionTxn(40_000));
        txn(SESSION, OpCode.CREATE, new CreateTxn("/c", "x".getBytes(), OPEN, false, next("/")));
        txn(SESSION, OpCode.CREATE2, new CreateTxn("/c/e", null, DIGEST, true, next("/c")));
        txn(SESSION, OpCode.CREATE_CONTAINER, new CreateContainerTxn("/c/box", new byte[0], OPEN, next("/c")));
        txn(SESSION, OpCode.CREATE_TTL, new CreateTTLTxn("/c/ttl", "t".getBytes(), DIGEST, next("/c"), 5_000));
        txn(SESSION, OpCode.SET_DATA, new SetDataTxn("/c", "y".getBytes(), 1));
        txn(SESSION, OpCode.SET_ACL, new SetACLTxn("/c/box", DIGEST, 1));
        txn(KEEPER, OpCode.MULTI, new MultiTxn(List.of(
                new Txn(OpCode.CREATE, bytes(new CreateTxn("/c/m", "日本".getBytes("UTF-8"), OPEN, true, next("/c")))),
                new Txn(OpCode.DELETE, bytes(new DeleteTxn("/c/ttl"))))));
        txn(SESSION, OpCode.MULTI, new MultiTxn(List.of(
                new Txn(OpCode.CREATE, bytes(new CreateTxn("/c/never", null, OPEN, false, next("/c")))),
                new Txn(OpCode.ERROR, bytes(new ErrorTxn(-101))),
                new Txn(OpCode.ERROR, bytes(new ErrorTxn(-2))))));
        txn(SESSION, OpCode.ERROR, new ErrorTxn(-110));
        backend.log().commit();
        backend.log().roll();
        long snapZxid = zxid;
        backend.snapshots().write(snapZxid, ZkTrees.source(reference, referenceSessions));
        Map<String, ZkTrees.NodeState> atSnapshot = ZkTrees.copy(reference);
        Map<Long, Integer> sessionsAtSnapshot = Map.copyOf(referenceSessions);
        txn(SESSION, OpCode.CREATE, new CreateTxn("/c/late", null, DIGEST, false, next("/c")));
        txn(SESSION, OpCode.SET_DATA, new SetDataTxn("/c/late", new byte[300], 1));
        txn(SESSION, OpCode.DELETE_CONTAINER, new DeleteTxn("/c/box"));
        txn(SESSION, OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/c/e")));
        backend.log().commit();
        backend.close();

        // FileSnap alone: our snapshot, without digest or last-zxid sections, deserializes with its seal checked.
        DataTree fromSnap = new DataTree();
        Map<Long, Integer> snapSessions = new HashMap<>();
        assertEquals(snapZxid, new FileSnap(data.resolve("version-2").toFile()).deserialize(fromSnap, snapSessions));
        assertEquals(sessionsAtSnapshot, snapSessions);
        ZkTrees.assertSameNodes(atSnapshot, ZkTrees.copy(fromSnap));
        assertNull(fromSnap.getDigestFromLoadedSnapshot());

        // The log through ZooKeeper's iterator: every header and record as we wrote it.
        FileTxnSnapLog zk = new FileTxnSnapLog(logs.toFile(), data.toFile());
        try (TxnIterator it = zk.readTxnLog(1)) {
            for (LogEntry e : written) {
                TxnHeader h = it.getHeader();
                assertEquals(e.zxid(), h.getZxid());
                TxnLogEntry expected = SerializeUtils.deserializeTxn(e.bytes());
                assertEquals(expected.getHeader(), h);
                assertEquals(expected.getTxn(), it.getTxn(), "txn 0x" + Long.toHexString(e.zxid()));
                assertNull(it.getDigest());
                it.next();
            }
            assertNull(it.getHeader(), "nothing after the last entry");
        }
        assertEquals(zxid, zk.getLastLoggedZxid());

        // A full restore, as ZooKeeper does at start: snapshot, then replay from the log.
        DataTree restored = new DataTree();
        ConcurrentHashMap<Long, Integer> restoredSessions = new ConcurrentHashMap<>();
        long highest = zk.restore(restored, restoredSessions, (hdr, txn, digest) -> { });
        zk.close();
        assertEquals(zxid, highest);
        assertEquals(referenceSessions, restoredSessions);
        ZkTrees.assertSameNodes(ZkTrees.copy(reference), ZkTrees.copy(restored));
        assertTrue(restored.getEphemerals(SESSION).isEmpty());
        assertEquals(java.util.Set.of("/c/m"), restored.getEphemerals(KEEPER));
    }

    @Test
    void aZooKeeperSnapshotRewrittenByUsLoadsBackInZooKeeperUnchanged() throws Exception {
        // Our store writes what our store loaded; ZooKeeper must see its own tree again.
        Path data = tmp.resolve("data");
        Path logs = tmp.resolve("logs");
        backend = new FilePersistenceProvider().open(new PersistenceContext(data, logs, Map.of("preAllocSize", "64")));
        txn(SESSION, OpCode.CREATE_SESSION, new CreateSessionTxn(20_000));
        txn(SESSION, OpCode.CREATE, new CreateTxn("/a", "1".getBytes(), DIGEST, false, next("/")));
        txn(SESSION, OpCode.CREATE, new CreateTxn("/a-b", null, OPEN, true, next("/")));
        txn(SESSION, OpCode.CREATE, new CreateTxn("/a/x", new byte[0], OPEN, false, next("/a")));
        backend.log().commit();
        backend.snapshots().write(zxid, ZkTrees.source(reference, referenceSessions));
        RecordingSink loaded = new RecordingSink();
        assertEquals(zxid, backend.snapshots().loadNewest(loaded));
        backend.snapshots().write(zxid + 100, sink -> {
            sink.sessions(loaded.sessions);
            sink.acls(loaded.acls);
            for (var n : loaded.nodes) {
                sink.node(n);
            }
        });
        backend.close();
        DataTree fromSnap = new DataTree();
        Map<Long, Integer> snapSessions = new HashMap<>();
        assertEquals(zxid + 100, new FileSnap(data.resolve("version-2").toFile()).deserialize(fromSnap, snapSessions));
        ZkTrees.assertSameNodes(ZkTrees.copy(reference), ZkTrees.copy(fromSnap));
        assertEquals(referenceSessions, snapSessions);
        assertArrayEquals("1".getBytes(), fromSnap.getNode("/a").getData());
    }
}
