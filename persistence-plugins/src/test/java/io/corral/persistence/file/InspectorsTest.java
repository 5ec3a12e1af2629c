package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.PersistenceFixtures;
import io.corral.protocol.OpCode;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.txn.CheckVersionTxn;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorsTest {
    private static final long S = 0xabcL;
    private static final List<ACL> OPEN = List.of(new ACL(31, new Id("world", "anyone")));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(boolean log, Path file) {
        String[] args = {file.toString()};
        return log ? LogInspector.run(args, new PrintStream(out), new PrintStream(err))
                : SnapshotInspector.run(args, new PrintStream(out), new PrintStream(err));
    }

    @Test
    void logInspectorPrintsOneLinePerEntryWithTypeAndPath() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dir, new FileSettings(64 * 1024, true, -1))) {
            log.append(Txns.entry(S, 0, 1, OpCode.CREATE_SESSION, new CreateSessionTxn(30_000)));
            log.append(Txns.entry(S, 1, 2, OpCode.CREATE, new CreateTxn("/a", new byte[3], OPEN, false, 1)));
            log.append(Txns.entry(S, 2, 3, OpCode.CREATE2, new CreateTxn("/a/e", null, OPEN, true, 1)));
            log.append(Txns.entry(S, 3, 4, OpCode.CREATE_CONTAINER, new CreateContainerTxn("/box", null, OPEN, 2)));
            log.append(Txns.entry(S, 4, 5, OpCode.CREATE_TTL, new CreateTTLTxn("/ttl", null, OPEN, 3, 9000)));
            log.append(Txns.entry(S, 5, 6, OpCode.SET_DATA, new SetDataTxn("/a", new byte[5], 1)));
            log.append(Txns.entry(S, 6, 7, OpCode.SET_ACL, new SetACLTxn("/a", OPEN, 1)));
            log.append(Txns.entry(S, 7, 8, OpCode.DELETE, new DeleteTxn("/ttl")));
            log.append(Txns.entry(S, 8, 9, OpCode.MULTI, new MultiTxn(List.of(
                    new Txn(OpCode.CHECK, JuteOutput.encode(new CheckVersionTxn("/a", 1))),
                    new Txn(OpCode.ERROR, JuteOutput.encode(new ErrorTxn(-101))),
                    new Txn(OpCode.ERROR, JuteOutput.encode(new ErrorTxn(-2)))))));
            log.append(Txns.entry(S, 9, 10, OpCode.ERROR, new ErrorTxn(-110)));
            log.append(Txns.entry(S, 0, 11, OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/a/e"))));
            log.append(Txns.entry(S, 0, 12, OpCode.CLOSE_SESSION, null));
            log.commit();
        }
        assertEquals(0, run(true, dir.resolve("log.1")), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                "0x1 2023-11-14T22:13:20.001Z session 0xabc cxid 0x0 createSession timeout 30000 ms",
                "0x2 2023-11-14T22:13:20.002Z session 0xabc cxid 0x1 create /a dataLength 3",
                "0x3 2023-11-14T22:13:20.003Z session 0xabc cxid 0x2 create2 /a/e ephemeral dataLength -1",
                "0x4 2023-11-14T22:13:20.004Z session 0xabc cxid 0x3 createContainer /box container",
                "0x5 2023-11-14T22:13:20.005Z session 0xabc cxid 0x4 createTTL /ttl ttl 9000 ms",
                "0x6 2023-11-14T22:13:20.006Z session 0xabc cxid 0x5 setData /a version 1 dataLength 5",
                "0x7 2023-11-14T22:13:20.007Z session 0xabc cxid 0x6 setACL /a aversion 1",
                "0x8 2023-11-14T22:13:20.008Z session 0xabc cxid 0x7 delete /ttl",
                "0x9 2023-11-14T22:13:20.009Z session 0xabc cxid 0x8 multi [check /a version 1; "
                        + "error err -101 NONODE; error err -2 RUNTIMEINCONSISTENCY]",
                "0xa 2023-11-14T22:13:20.010Z session 0xabc cxid 0x9 error err -110 NODEEXISTS",
                "0xb 2023-11-14T22:13:20.011Z session 0xabc cxid 0x0 closeSession deletes /a/e",
                "0xc 2023-11-14T22:13:20.012Z session 0xabc cxid 0x0 closeSession"), lines);
    }

    @Test
    void logInspectorStopsAtATornEntryAndSaysWhere() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dir, new FileSettings(64 * 1024, true, -1))) {
            log.append(Txns.entry(S, 1, 1, OpCode.DELETE, new DeleteTxn("/x")));
            log.append(Txns.entry(S, 2, 2, OpCode.DELETE, new DeleteTxn("/y")));
            log.commit();
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("log.1").toFile(), "rw")) {
            f.seek(16 + (13 + 38) + 12 + 38); // each entry: 12 bytes of framing, 38 of txn, then 0x42
            f.write(0x41);
        }
        assertEquals(1, run(true, dir.resolve("log.1")));
        assertEquals(1, out.toString().lines().count());
        assertTrue(err.toString().contains("offset 67") && err.toString().contains("end-of-record"), err.toString());
    }

    @Test
    void snapshotInspectorPrintsSessionsAndNodesInFileOrder() throws IOException {
        FileSnapshotStore.open(dir).write(0x20, PersistenceFixtures.sampleSnapshot(0x20));
        assertEquals(0, run(false, dir.resolve("snapshot.20")), err.toString());
        assertEquals(List.of(
                "sessions: 2",
                "/ dataLength -1 czxid 0x0 mzxid 0x0 ephemeralOwner 0x0",
                "/a dataLength 5 czxid 0x1b mzxid 0x1f ephemeralOwner 0x0",
                "/a/b dataLength 0 czxid 0x1c mzxid 0x1c ephemeralOwner 0x1000000000000001",
                "/a/c dataLength -1 czxid 0x1d mzxid 0x1d ephemeralOwner 0x8000000000000000",
                "/ünïcödé dataLength 6 czxid 0x1e mzxid 0x20 ephemeralOwner 0xff0000000000ea60",
                "/zookeeper dataLength 0 czxid 0x0 mzxid 0x0 ephemeralOwner 0x0",
                "/zookeeper/quota dataLength 0 czxid 0x0 mzxid 0x0 ephemeralOwner 0x0",
                "nodes: 7, ACL lists: 2, sections after the seal: none; seals OK"), out.toString().lines().toList());
    }

    @Test
    void snapshotInspectorReportsABadSeal() throws IOException {
        FileSnapshotStore.open(dir).write(1, PersistenceFixtures.sampleSnapshot(1));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("snapshot.1").toFile(), "rw")) {
            f.seek(f.length() - 8);
            f.write(0x7f); // a byte of the seal's checksum
        }
        assertEquals(1, run(false, dir.resolve("snapshot.1")));
        assertTrue(err.toString().contains("checksum mismatch"), err.toString());
        assertEquals(2, LogInspector.run(new String[0], new PrintStream(out), new PrintStream(err)));
    }
}
