package io.corral.server.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotStreamTest {
    private static final class Recorder implements SnapshotSink {
        final Map<Long, Integer> sessions = new HashMap<>();
        final Map<Long, List<AclEntry>> acls = new HashMap<>();
        final List<SnapshotNode> nodes = new ArrayList<>();

        @Override
        public void sessions(Map<Long, Integer> s) {
            sessions.putAll(s);
        }

        @Override
        public void acls(Map<Long, List<AclEntry>> a) {
            acls.putAll(a);
        }

        @Override
        public void node(SnapshotNode n) {
            nodes.add(n);
        }
    }

    private static final SnapshotNode ROOT = new SnapshotNode("/", new byte[0], -1, 0, 0, 0, 0, 0, 1, 0, 0, 5);
    private static final SnapshotNode CHILD = new SnapshotNode("/a", new byte[] {1, 2}, 1, 5, 6, 100, 200, 3, 0, 1,
            0x1_0000_0000_0001L, 5);

    private static byte[] sample() throws IOException {
        return SnapshotStream.encode(sink -> {
            sink.sessions(Map.of(0x1_0000_0000_0001L, 4000));
            sink.acls(Map.of(1L, List.of(new AclEntry(31, "digest", "bob:xyz"), new AclEntry(1, "world", "anyone"))));
            sink.node(ROOT);
            sink.node(CHILD);
        });
    }

    @Test
    void whatIsPushedInComesOutInOrder() throws IOException {
        Recorder r = new Recorder();
        SnapshotStream.decode(sample()).writeTo(r);
        assertEquals(Map.of(0x1_0000_0000_0001L, 4000), r.sessions);
        assertEquals(List.of(new AclEntry(31, "digest", "bob:xyz"), new AclEntry(1, "world", "anyone")), r.acls.get(1L));
        assertEquals(2, r.nodes.size());
        SnapshotNode a = r.nodes.get(1);
        assertEquals("/a", a.path());
        assertArrayEquals(new byte[] {1, 2}, a.data());
        assertEquals(List.of(1L, 5L, 6L, 100L, 200L, 3, 0, 1, 0x1_0000_0000_0001L, 5L), List.of(a.aclKey(), a.czxid(),
                a.mzxid(), a.ctime(), a.mtime(), a.version(), a.cversion(), a.aversion(), a.ephemeralOwner(), a.pzxid()));
    }

    @Test
    void aCutOrForeignStreamFailsWithAnIoException() throws IOException {
        byte[] whole = sample();
        byte[] cut = Arrays.copyOf(whole, whole.length - 7);
        assertThrows(IOException.class, () -> SnapshotStream.decode(cut).writeTo(new Recorder()));
        byte[] foreign = whole.clone();
        foreign[0] ^= 0x55;
        assertThrows(IOException.class, () -> SnapshotStream.decode(foreign).writeTo(new Recorder()));
    }
}
