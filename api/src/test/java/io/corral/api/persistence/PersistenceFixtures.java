package io.corral.api.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the persistence contract tests feed a backend and how they check what comes back; public so that
 * plugin modules can reuse it in their own tests.
 */
public final class PersistenceFixtures {
    private PersistenceFixtures() {
    }

    /**
     * A setData-like entry as the server builds one: a 32-byte TxnHeader (clientId long, cxid int, zxid long,
     * time long, type int) carrying {@code zxid}, then a body whose length varies with the zxid.
     */
    public static LogEntry entry(long zxid) {
        int bodyLength = (int) (Math.floorMod(zxid, 7) * 13 + 4);
        ByteBuffer b = ByteBuffer.allocate(32 + bodyLength);
        b.putLong(0x1000_0000_0000_00AAL).putInt((int) zxid).putLong(zxid).putLong(1_700_000_000_000L + zxid)
                .putInt(5);
        for (int i = 0; i < bodyLength; i++) {
            b.put((byte) (zxid * 31 + i));
        }
        return new LogEntry(zxid, b.array());
    }

    /** A small tree with every kind of value a snapshot must carry unchanged. */
    public static Snapshot sampleSnapshot(long zxid) {
        Map<Long, Integer> sessions = new HashMap<>();
        sessions.put(0x1000_0000_0000_0001L, 30_000);
        sessions.put(0x7fff_ffff_ffff_fff0L, 4_000);
        Map<Long, List<AclEntry>> acls = new HashMap<>();
        acls.put(1L, List.of(new AclEntry(31, "world", "anyone")));
        acls.put(2L, List.of(new AclEntry(1, "digest", "bob:3Jh2JfRBOT1pZyQRgJrtLQ4sK9Y="),
                new AclEntry(31, "ip", "10.0.0.0/8")));
        List<SnapshotNode> nodes = List.of(
                node("/", null, -1, 0, 0, 3, 0, 0),
                node("/a", "alpha".getBytes(StandardCharsets.UTF_8), 1, zxid - 5, zxid - 1, 2, 1, 0),
                node("/a/b", new byte[0], 2, zxid - 4, zxid - 4, 0, 0, 0x1000_0000_0000_0001L),
                node("/a/c", null, 1, zxid - 3, zxid - 3, 0, 0, 0x8000_0000_0000_0000L),
                node("/ünïcödé", "日本".getBytes(StandardCharsets.UTF_8), -1, zxid - 2, zxid, 0, 0,
                        0xff00_0000_0000_0000L | 60_000),
                node("/zookeeper", new byte[0], -1, 0, 0, 0, 0, 0),
                node("/zookeeper/quota", new byte[0], -1, 0, 0, 0, 0, 0));
        return new Snapshot(sessions, acls, nodes);
    }

    /** A node with times derived from its zxids and aversion = 2 * version. */
    public static SnapshotNode node(String path, byte[] data, long acl, long czxid, long mzxid, int cversion,
                                    int version, long owner) {
        return new SnapshotNode(path, data, acl, czxid, mzxid, 1_700_000_000_000L + czxid,
                1_700_000_000_000L + mzxid, version, cversion, version * 2, owner, mzxid + 1);
    }

    /** What a snapshot holds, also usable as the source that writes it. */
    public record Snapshot(Map<Long, Integer> sessions, Map<Long, List<AclEntry>> acls, List<SnapshotNode> nodes)
            implements SnapshotSource {
        @Override
        public void writeTo(SnapshotSink sink) throws IOException {
            sink.sessions(sessions);
            sink.acls(acls);
            for (SnapshotNode n : nodes) {
                sink.node(n);
            }
        }
    }

    /** Records what a backend pushes, and checks the order the SPI promises. */
    public static final class RecordingSink implements SnapshotSink {
        public final Map<Long, Integer> sessions = new HashMap<>();
        public final Map<Long, List<AclEntry>> acls = new HashMap<>();
        public final List<SnapshotNode> nodes = new ArrayList<>();
        private int stage;

        @Override
        public void sessions(Map<Long, Integer> s) {
            assertEquals(0, stage, "sessions come first, once");
            stage = 1;
            sessions.putAll(s);
        }

        @Override
        public void acls(Map<Long, List<AclEntry>> a) {
            assertEquals(1, stage, "acls come after sessions, once");
            stage = 2;
            acls.putAll(a);
        }

        @Override
        public void node(SnapshotNode n) {
            assertEquals(2, stage, "nodes come after acls");
            nodes.add(n);
        }

        public void assertHolds(Snapshot expected) {
            assertEquals(expected.sessions(), sessions, "sessions");
            assertEquals(expected.acls(), acls, "acls");
            assertEquals(expected.nodes().size(), nodes.size(), "node count");
            for (int i = 0; i < nodes.size(); i++) {
                assertNodeEquals(expected.nodes().get(i), nodes.get(i));
            }
        }
    }

    /** SnapshotNode's equals compares data arrays by identity; this compares their content. */
    public static void assertNodeEquals(SnapshotNode expected, SnapshotNode actual) {
        String p = expected.path();
        assertEquals(expected.path(), actual.path());
        assertArrayEquals(expected.data(), actual.data(), p + " data");
        assertEquals(expected.aclKey(), actual.aclKey(), p + " aclKey");
        assertEquals(expected.czxid(), actual.czxid(), p + " czxid");
        assertEquals(expected.mzxid(), actual.mzxid(), p + " mzxid");
        assertEquals(expected.ctime(), actual.ctime(), p + " ctime");
        assertEquals(expected.mtime(), actual.mtime(), p + " mtime");
        assertEquals(expected.version(), actual.version(), p + " version");
        assertEquals(expected.cversion(), actual.cversion(), p + " cversion");
        assertEquals(expected.aversion(), actual.aversion(), p + " aversion");
        assertEquals(expected.ephemeralOwner(), actual.ephemeralOwner(), p + " ephemeralOwner");
        assertEquals(expected.pzxid(), actual.pzxid(), p + " pzxid");
    }
}
