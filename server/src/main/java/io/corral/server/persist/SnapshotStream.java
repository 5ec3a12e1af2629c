package io.corral.server.persist;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.api.persistence.SnapshotSource;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as one byte array, for a leader to send to a learner (ZAB's SNAP): the sink's three sections in
 * order, in jute. It is independent of any backend's file format, so that servers with different persistence
 * plugins can still sync; the learner pushes it into its own backend.
 */
public final class SnapshotStream {
    private static final int MAGIC = 0x434f5253; // "CORS"
    private static final int NODE = 1;
    private static final int END = 0;

    private SnapshotStream() {
    }

    /** The bytes of what {@code source} pushes. */
    public static byte[] encode(SnapshotSource source) throws IOException {
        JuteOutput out = new JuteOutput(1 << 16);
        out.writeInt(MAGIC);
        source.writeTo(new SnapshotSink() {
            @Override
            public void sessions(Map<Long, Integer> sessions) {
                out.writeInt(sessions.size());
                sessions.forEach((id, timeout) -> {
                    out.writeLong(id);
                    out.writeInt(timeout);
                });
            }

            @Override
            public void acls(Map<Long, List<AclEntry>> acls) {
                out.writeInt(acls.size());
                acls.forEach((key, list) -> {
                    out.writeLong(key);
                    out.writeInt(list.size());
                    for (AclEntry e : list) {
                        out.writeInt(e.perms());
                        out.writeString(e.scheme());
                        out.writeString(e.id());
                    }
                });
            }

            @Override
            public void node(SnapshotNode n) {
                out.writeInt(NODE);
                out.writeString(n.path());
                out.writeBuffer(n.data());
                out.writeLong(n.aclKey());
                out.writeLong(n.czxid());
                out.writeLong(n.mzxid());
                out.writeLong(n.ctime());
                out.writeLong(n.mtime());
                out.writeInt(n.version());
                out.writeInt(n.cversion());
                out.writeInt(n.aversion());
                out.writeLong(n.ephemeralOwner());
                out.writeLong(n.pzxid());
            }
        });
        out.writeInt(END);
        return out.toByteArray();
    }

    /** A source that pushes the content of {@code bytes}; a malformed stream fails with an IOException. */
    public static SnapshotSource decode(byte[] bytes) {
        return sink -> {
            try {
                JuteInput in = new JuteInput(bytes);
                if (in.readInt() != MAGIC) {
                    throw new IOException("not a Corral snapshot stream");
                }
                int sessionCount = count(in, 12);
                Map<Long, Integer> sessions = new HashMap<>();
                for (int i = 0; i < sessionCount; i++) {
                    sessions.put(in.readLong(), in.readInt());
                }
                sink.sessions(sessions);
                int aclCount = count(in, 12);
                Map<Long, List<AclEntry>> acls = new HashMap<>();
                for (int i = 0; i < aclCount; i++) {
                    long key = in.readLong();
                    int n = count(in, 12);
                    List<AclEntry> list = new ArrayList<>(n);
                    for (int j = 0; j < n; j++) {
                        list.add(new AclEntry(in.readInt(), in.readString(), in.readString()));
                    }
                    acls.put(key, list);
                }
                sink.acls(acls);
                while (in.readInt() == NODE) {
                    sink.node(new SnapshotNode(in.readString(), in.readBuffer(), in.readLong(), in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(),
                            in.readLong(), in.readLong()));
                }
                in.expectEnd("snapshot stream");
            } catch (JuteException e) {
                throw new IOException("Malformed snapshot stream from the leader: " + e.getMessage(), e);
            }
        };
    }

    private static int count(JuteInput in, int minBytes) {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new JuteException("unreasonable count " + n);
        }
        return n;
    }
}
