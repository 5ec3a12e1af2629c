package io.corral.persistence.file;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.protocol.data.StatPersisted;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.persistence.FileHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

/**
 * The sink a {@link io.corral.api.persistence.SnapshotSource} writes into: encodes what it is given in
 * {@link SnapshotFormat}'s layout onto a stream, keeping the running Adler32 for the seal. Records are encoded
 * with {@link JuteOutput} (ZooKeeper's exact string bytes) into a reused buffer that is drained every 64 KiB.
 * Checks the order the SPI promises (sessions, ACLs, then nodes with the root first) so that a source bug
 * fails the write instead of producing a snapshot nobody can load.
 */
final class SnapshotEncoder implements SnapshotSink {
    private static final int DRAIN_AT = 64 * 1024;

    private enum Stage { SESSIONS, ACLS, ROOT, NODES, SEALED }

    private final OutputStream out;
    private final JuteOutput buf = new JuteOutput(DRAIN_AT + 1024);
    private final Adler32 adler = new Adler32();
    private final PreOrder order = new PreOrder();
    private Stage stage = Stage.SESSIONS;
    private long nodes;
    private long bytes;

    SnapshotEncoder(OutputStream out) {
        this.out = out;
        FileHeader.snapshot().write(buf);
    }

    @Override
    public void sessions(Map<Long, Integer> sessions) throws IOException {
        expect(Stage.SESSIONS, "sessions");
        buf.writeInt(sessions.size());
        for (Map.Entry<Long, Integer> s : sessions.entrySet()) {
            buf.writeLong(s.getKey());
            buf.writeInt(s.getValue());
            drainIfFull();
        }
        stage = Stage.ACLS;
    }

    @Override
    public void acls(Map<Long, List<AclEntry>> acls) throws IOException {
        expect(Stage.ACLS, "acls");
        buf.writeInt(acls.size());
        for (Map.Entry<Long, List<AclEntry>> a : acls.entrySet()) {
            if (a.getKey() == OPEN_ACL_KEY) {
                throw new IllegalArgumentException("ACL key -1 is the built-in open ACL and is never written");
            }
            buf.writeLong(a.getKey());
            List<AclEntry> list = a.getValue();
            buf.writeInt(list.size());
            for (AclEntry e : list) {
                buf.writeInt(e.perms());
                buf.writeString(e.scheme());
                buf.writeString(e.id());
            }
            drainIfFull();
        }
        stage = Stage.ROOT;
    }

    @Override
    public void node(SnapshotNode n) throws IOException {
        byte[] data = n.data();
        node(n.path(), data, 0, data == null ? 0 : data.length, n.aclKey(), n.czxid(), n.mzxid(), n.ctime(),
                n.mtime(), n.version(), n.cversion(), n.aversion(), n.ephemeralOwner(), n.pzxid());
    }

    /** Encodes the node straight from its parts: no SnapshotNode and no copy of its data on the way. */
    @Override
    public void node(String path, byte[] data, int dataOffset, int dataLength, long aclKey, long czxid, long mzxid,
                     long ctime, long mtime, int version, int cversion, int aversion, long ephemeralOwner, long pzxid)
            throws IOException {
        if (stage != Stage.ROOT && stage != Stage.NODES) {
            expect(Stage.NODES, "node " + path); // the message only when it fails: this runs for every node
        }
        String problem = order.next(path);
        if (problem != null) {
            throw new IllegalStateException("snapshot source out of order: " + problem);
        }
        // The root is "" on disk: ZooKeeper's reader attaches a node to the parent before its last '/'.
        buf.writeString(stage == Stage.ROOT ? "" : path);
        stage = Stage.NODES;
        buf.writeBuffer(data, dataOffset, dataLength);
        buf.writeLong(aclKey);
        new StatPersisted(czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, pzxid).write(buf);
        nodes++;
        drainIfFull();
    }

    /** Writes the end-of-nodes marker and the seal; the stream then holds a complete snapshot. */
    void finish() throws IOException {
        if (stage != Stage.NODES) {
            throw new IllegalStateException("snapshot source stopped before " + (stage == Stage.ROOT
                    ? "the root node" : stage.name().toLowerCase()) + ": nothing complete to seal");
        }
        buf.writeString(SnapshotFormat.END_OF_NODES);
        drain();
        buf.writeLong(adler.getValue());
        buf.writeString(SnapshotFormat.END_OF_NODES);
        drain();
        stage = Stage.SEALED;
    }

    long nodes() {
        return nodes;
    }

    long bytes() {
        return bytes;
    }

    private void expect(Stage want, String what) {
        if (stage != want) {
            throw new IllegalStateException("snapshot source pushed " + what + " out of order (expected "
                    + want.name().toLowerCase() + "): the order is sessions, acls, then nodes from the root");
        }
    }

    private void drainIfFull() throws IOException {
        if (buf.size() >= DRAIN_AT) {
            drain();
        }
    }

    private void drain() throws IOException {
        adler.update(buf.array(), 0, buf.size());
        out.write(buf.array(), 0, buf.size());
        bytes += buf.size();
        buf.reset();
    }
}
