package io.corral.server.txn;

import static io.corral.protocol.EventType.NODE_CHILDREN_CHANGED;
import static io.corral.protocol.EventType.NODE_CREATED;
import static io.corral.protocol.EventType.NODE_DATA_CHANGED;
import static io.corral.protocol.EventType.NODE_DELETED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
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
import io.corral.protocol.txn.TxnHeader;
import io.corral.server.tree.DataTree;
import io.corral.server.tree.NodeKind;
import io.corral.server.watch.WatchEvent;
import io.corral.server.watch.WatchKind;
import io.corral.server.watch.WatchTable;
import io.corral.server.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxnApplierTest {
    private static final long SESSION = 0x0100000000000001L;
    private static final long OTHER = 0x0100000000000002L;
    private static final long T0 = 1_700_000_000_000L;
    private static final List<ACL> OPEN = List.of(new ACL(Perms.ALL, new Id("world", "anyone")));

    /** Records events as "type:path@zxid". */
    static final class Recorder implements Watcher {
        final List<String> events = new ArrayList<>();

        @Override
        public void deliver(WatchEvent e) {
            events.add(e.type() + ":" + e.path() + "@" + e.zxid());
        }
    }

    private final DataTree tree = new DataTree(true);
    private final WatchTable watches = new WatchTable();
    private final List<String> sessionCalls = new ArrayList<>();
    private final TxnApplier applier = new TxnApplier(tree, watches, new SessionHook() {
        @Override
        public void sessionCreated(long sessionId, int timeoutMs) {
            sessionCalls.add("created " + Long.toHexString(sessionId) + " " + timeoutMs);
        }

        @Override
        public void sessionClosed(long sessionId) {
            sessionCalls.add("closed " + Long.toHexString(sessionId));
        }
    });
    private final Recorder watcher = new Recorder();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Applied apply(long session, long zxid, int type, Record body) {
        return applier.apply(new TxnRecord(new TxnHeader(session, (int) zxid, zxid, T0 + zxid, type), body));
    }

    /** Goes through the log encoding first, as a replayed transaction would. */
    private Applied applyEncoded(long session, long zxid, int type, Record body) {
        TxnHeader h = new TxnHeader(session, (int) zxid, zxid, T0 + zxid, type);
        return applier.apply(TxnCodec.decode(TxnCodec.encode(h, body)));
    }

    private static Txn sub(int type, Record body) {
        return new Txn(type, JuteOutput.encode(body));
    }

    private void createPersistent(String path, long zxid) {
        assertEquals(Code.OK, apply(SESSION, zxid, OpCode.CREATE, new CreateTxn(path, bytes(path), OPEN, false, -1)).err());
    }

    @Test
    void createAddsTheNodeFiresCreatedAndChildrenChanged() {
        watches.add(WatchKind.DATA, "/a", watcher);          // an exists watch on a missing node
        watches.add(WatchKind.CHILD, "/", watcher);
        Applied a = apply(SESSION, 5, OpCode.CREATE, new CreateTxn("/a", bytes("x"), OPEN, false, 1));
        assertEquals(OpCode.CREATE, a.type());
        assertEquals(Code.OK, a.err());
        assertEquals("/a", a.path());
        assertEquals(5, a.stat().czxid());
        assertEquals(T0 + 5, a.stat().ctime());
        assertEquals(0, a.stat().ephemeralOwner());
        assertEquals(List.of("1:/a@5", "4:/@5"), watcher.events);
        assertEquals(5, applier.lastZxid());
        assertEquals(1, tree.get("/").storedCversion());
    }

    @Test
    void createKindsTakeTheirOwnerFromTheTxn() {
        assertEquals(SESSION, apply(SESSION, 1, OpCode.CREATE2,
                new CreateTxn("/e", null, OPEN, true, -1)).stat().ephemeralOwner());
        assertEquals(Set.of("/e"), tree.ephemeralsOf(SESSION));
        assertEquals(OpCode.CREATE_CONTAINER, apply(SESSION, 2, OpCode.CREATE_CONTAINER,
                new CreateContainerTxn("/c", null, OPEN, -1)).type());
        assertEquals(NodeKind.CONTAINER_MARKER, tree.get("/c").ephemeralOwner());
        apply(SESSION, 3, OpCode.CREATE_TTL, new CreateTTLTxn("/t", null, OPEN, -1, 5000));
        assertEquals(5000, NodeKind.ttlMs(tree.get("/t").ephemeralOwner()));
        assertEquals(Set.of("/t"), tree.ttlNodes());
        assertEquals(Set.of("/e"), tree.ephemeralsOf(SESSION), "containers and TTL nodes are not the session's");
    }

    @Test
    void failedCreateFiresNothing() {
        createPersistent("/a", 1);
        watches.add(WatchKind.DATA, "/a", watcher);
        watches.add(WatchKind.CHILD, "/", watcher);
        Applied a = apply(SESSION, 2, OpCode.CREATE, new CreateTxn("/a", null, OPEN, false, -1));
        assertEquals(Code.NODEEXISTS, a.err());
        assertEquals(OpCode.CREATE, a.type());
        assertNull(a.stat());
        assertEquals(Code.NONODE, apply(SESSION, 3, OpCode.CREATE, new CreateTxn("/x/y", null, OPEN, false, -1)).err());
        assertTrue(watcher.events.isEmpty());
        assertEquals(3, applier.lastZxid(), "a failed transaction still advances the applied zxid");
    }

    @Test
    void setDataStoresTheCarriedVersionAndFiresDataChanged() {
        createPersistent("/a", 1);
        watches.add(WatchKind.DATA, "/a", watcher);
        watches.add(WatchKind.CHILD, "/a", watcher);
        Applied a = apply(SESSION, 2, OpCode.SET_DATA, new SetDataTxn("/a", bytes("v2"), 1));
        assertEquals(Code.OK, a.err());
        assertEquals(1, a.stat().version());
        assertEquals(2, a.stat().mzxid());
        assertEquals(T0 + 2, a.stat().mtime());
        assertArrayEquals(bytes("v2"), tree.get("/a").data());
        assertEquals(List.of("3:/a@2"), watcher.events);
        assertEquals(Code.NONODE, apply(SESSION, 3, OpCode.SET_DATA, new SetDataTxn("/b", null, 1)).err());
    }

    @Test
    void setAclFiresNothing() {
        createPersistent("/a", 1);
        watches.add(WatchKind.DATA, "/a", watcher);
        watches.add(WatchKind.PERSISTENT, "/a", watcher);
        List<ACL> readOnly = List.of(new ACL(Perms.READ, new Id("world", "anyone")));
        Applied a = apply(SESSION, 2, OpCode.SET_ACL, new SetACLTxn("/a", readOnly, 1));
        assertEquals(Code.OK, a.err());
        assertEquals(1, a.stat().aversion());
        assertEquals(readOnly, tree.get("/a").acl());
        assertTrue(watcher.events.isEmpty());
    }

    @Test
    void deleteFiresDeletedOnceAndChildrenChangedOnTheParent() {
        createPersistent("/p", 1);
        createPersistent("/p/c", 2);
        Recorder parentWatcher = new Recorder();
        watches.add(WatchKind.DATA, "/p/c", watcher);
        watches.add(WatchKind.CHILD, "/p/c", watcher);
        watches.add(WatchKind.CHILD, "/p", parentWatcher);
        Applied a = apply(SESSION, 3, OpCode.DELETE, new DeleteTxn("/p/c"));
        assertEquals(Code.OK, a.err());
        assertEquals(OpCode.DELETE, a.type());
        assertNull(tree.get("/p/c"));
        assertEquals(List.of("2:/p/c@3"), watcher.events);
        assertEquals(List.of("4:/p@3"), parentWatcher.events);
        assertEquals(Code.NONODE, apply(SESSION, 4, OpCode.DELETE, new DeleteTxn("/p/c")).err());
        assertEquals(OpCode.DELETE_CONTAINER, apply(SESSION, 5, OpCode.DELETE_CONTAINER, new DeleteTxn("/p")).type());
        assertNull(tree.get("/p"));
    }

    @Test
    void checkAndErrorChangeNothing() {
        Applied check = apply(SESSION, 1, OpCode.CHECK, new CheckVersionTxn("/a", 3));
        assertEquals(Code.OK, check.err());
        Applied error = apply(SESSION, 2, OpCode.ERROR, new ErrorTxn(Code.BADVERSION));
        assertEquals(Code.BADVERSION, error.err());
        assertEquals(OpCode.ERROR, error.type());
        assertEquals(4, tree.nodeCount());
        assertEquals(2, applier.lastZxid());
    }

    @Test
    void multiAppliesEveryOpWithItsOwnStat() {
        watches.add(WatchKind.CHILD, "/", watcher);
        MultiTxn multi = new MultiTxn(List.of(
                sub(OpCode.CREATE, new CreateTxn("/m", bytes("a"), OPEN, false, 1)),
                sub(OpCode.CREATE2, new CreateTxn("/m/c", null, OPEN, false, 1)),
                sub(OpCode.SET_DATA, new SetDataTxn("/m", bytes("bb"), 1)),
                sub(OpCode.CHECK, new CheckVersionTxn("/m", 1)),
                sub(OpCode.DELETE, new DeleteTxn("/m/c"))));
        Applied a = applyEncoded(SESSION, 7, OpCode.MULTI, multi);
        assertEquals(OpCode.MULTI, a.type());
        assertEquals(Code.OK, a.err());
        List<Applied> subs = a.subResults();
        assertEquals(List.of(OpCode.CREATE, OpCode.CREATE2, OpCode.SET_DATA, OpCode.CHECK, OpCode.DELETE),
                subs.stream().map(Applied::type).toList());
        subs.forEach(s -> assertEquals(Code.OK, s.err()));
        assertEquals(0, subs.get(0).stat().version(), "the create's stat as it was after the create");
        assertEquals(1, subs.get(2).stat().version());
        assertEquals(7, subs.get(0).stat().czxid());
        assertArrayEquals(bytes("bb"), tree.get("/m").data());
        assertNull(tree.get("/m/c"));
        assertEquals(List.of("4:/@7"), watcher.events);
        assertEquals(7, applier.lastZxid());
    }

    @Test
    void failedMultiIsANoOpWithPerOpCodes() {
        createPersistent("/exists", 1);
        watches.add(WatchKind.PERSISTENT_RECURSIVE, "/", watcher);
        // As the prepare stage logs it: ops before the failure as prepared, the failure, then -2 for the rest.
        MultiTxn multi = new MultiTxn(List.of(
                sub(OpCode.CREATE, new CreateTxn("/m1", null, OPEN, false, 2)),
                sub(OpCode.ERROR, new ErrorTxn(Code.NODEEXISTS)),
                sub(OpCode.ERROR, new ErrorTxn(Code.RUNTIMEINCONSISTENCY))));
        Applied a = applyEncoded(SESSION, 2, OpCode.MULTI, multi);
        assertEquals(Code.NODEEXISTS, a.err());
        assertEquals(List.of(Code.OK, Code.NODEEXISTS, Code.RUNTIMEINCONSISTENCY),
                a.subResults().stream().map(Applied::err).toList());
        assertNull(tree.get("/m1"));
        assertEquals(1, tree.get("/").storedCversion(), "the parent is untouched too");
        assertTrue(watcher.events.isEmpty());
        assertEquals(2, applier.lastZxid());
    }

    @Test
    void failedMultiOfErrorTxnsOnly() {
        // How ZooKeeper itself may log a failed multi: every op an ErrorTxn.
        MultiTxn multi = new MultiTxn(List.of(
                sub(OpCode.ERROR, new ErrorTxn(Code.OK)),
                sub(OpCode.ERROR, new ErrorTxn(Code.BADVERSION)),
                sub(OpCode.ERROR, new ErrorTxn(Code.RUNTIMEINCONSISTENCY))));
        Applied a = apply(SESSION, 1, OpCode.MULTI, multi);
        assertEquals(Code.BADVERSION, a.err());
        assertEquals(List.of(Code.OK, Code.BADVERSION, Code.RUNTIMEINCONSISTENCY),
                a.subResults().stream().map(Applied::err).toList());
    }

    @Test
    void opsAfterTheFailureReportRuntimeInconsistencyWhateverTheirLoggedType() {
        // ZooKeeper's DataTree.processTxn turns every sub-txn after the first failure into -2 (post_failed).
        MultiTxn multi = new MultiTxn(List.of(
                sub(OpCode.CREATE, new CreateTxn("/m1", null, OPEN, false, 1)),
                sub(OpCode.ERROR, new ErrorTxn(Code.NONODE)),
                sub(OpCode.CREATE, new CreateTxn("/m2", null, OPEN, false, 2))));
        Applied a = apply(SESSION, 1, OpCode.MULTI, multi);
        assertEquals(List.of(Code.OK, Code.NONODE, Code.RUNTIMEINCONSISTENCY),
                a.subResults().stream().map(Applied::err).toList());
        assertNull(tree.get("/m2"));
    }

    @Test
    void createSessionTellsTheSessionTable() {
        Applied a = apply(SESSION, 1, OpCode.CREATE_SESSION, new CreateSessionTxn(30_000));
        assertEquals(Code.OK, a.err());
        assertEquals(List.of("created " + Long.toHexString(SESSION) + " 30000"), sessionCalls);
    }

    @Test
    void closeSessionDeletesTheSessionsEphemeralsAndFiresTheirWatches() {
        apply(SESSION, 1, OpCode.CREATE, new CreateTxn("/e1", null, OPEN, true, -1));
        createPersistent("/dir", 2);
        apply(SESSION, 3, OpCode.CREATE, new CreateTxn("/dir/e2", null, OPEN, true, -1));
        apply(OTHER, 4, OpCode.CREATE, new CreateTxn("/theirs", null, OPEN, true, -1));
        Recorder dirWatcher = new Recorder();
        watches.add(WatchKind.DATA, "/e1", watcher);
        watches.add(WatchKind.DATA, "/theirs", watcher);
        watches.add(WatchKind.CHILD, "/dir", dirWatcher);

        Applied a = applyEncoded(SESSION, 5, OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/dir/e2", "/e1")));
        assertEquals(Code.OK, a.err());
        assertNull(tree.get("/e1"));
        assertNull(tree.get("/dir/e2"));
        assertNotNull(tree.get("/dir"));
        assertNotNull(tree.get("/theirs"));
        assertTrue(tree.ephemeralsOf(SESSION).isEmpty());
        assertEquals(List.of("2:/e1@5"), watcher.events);
        assertEquals(List.of("4:/dir@5"), dirWatcher.events);
        assertEquals(List.of("closed " + Long.toHexString(SESSION)), sessionCalls);
        assertEquals(5, tree.get("/dir").pzxid());
    }

    @Test
    void closeSessionAlsoDeletesEphemeralsItsListMissed() {
        // The tree's index is authoritative: an ephemeral created after the close was prepared goes as well.
        apply(SESSION, 1, OpCode.CREATE, new CreateTxn("/e1", null, OPEN, true, -1));
        apply(SESSION, 2, OpCode.CREATE, new CreateTxn("/late", null, OPEN, true, -1));
        apply(SESSION, 3, OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/e1")));
        assertNull(tree.get("/late"));
        assertEquals(0, tree.ephemeralCount());
    }

    @Test
    void closeSessionFromAnOldLogHasNoBody() {
        apply(SESSION, 1, OpCode.CREATE, new CreateTxn("/e1", null, OPEN, true, -1));
        Applied a = applyEncoded(SESSION, 2, OpCode.CLOSE_SESSION, null);
        assertEquals(Code.OK, a.err());
        assertNull(tree.get("/e1"));
        assertEquals(List.of("closed " + Long.toHexString(SESSION)), sessionCalls);
    }

    @Test
    void closeSessionLeavesAListedPathThatIsNotItsOwn() {
        apply(OTHER, 1, OpCode.CREATE, new CreateTxn("/theirs", null, OPEN, true, -1));
        createPersistent("/persistent", 2);
        apply(SESSION, 3, OpCode.CLOSE_SESSION, new CloseSessionTxn(List.of("/theirs", "/persistent")));
        assertNotNull(tree.get("/theirs"));
        assertNotNull(tree.get("/persistent"));
    }

    @Test
    void lastZxidNeverGoesBack() {
        createPersistent("/a", 10);
        createPersistent("/b", 4);
        assertEquals(10, applier.lastZxid());
    }

    @Test
    void unknownTypeIsRefused() {
        assertThrows(IllegalStateException.class, () -> apply(SESSION, 1, 999, new ErrorTxn(0)));
    }
}
