package io.corral.persistence.file;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.protocol.data.StatPersisted;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.persistence.FileHeader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

/**
 * Reads a snapshot stream ({@link SnapshotFormat}) and checks all of it: header, structure, depth-first order,
 * the seal, and the optional digest and last-zxid sections ZooKeeper 3.9 appends (their seals are verified,
 * their values ignored: the digest is ZooKeeper's own tree hash, and the zxid in the file name is the one
 * replay starts from, as in ZooKeeper). With a null sink it only validates, holding nothing but the current
 * branch of paths, so pass 1 over a million nodes needs no memory for them.
 */
final class SnapshotDecoder {
    /** What a stream held. */
    record Summary(int sessions, int aclLists, long nodes, boolean digest, boolean lastZxid, long bytes) {
    }

    private static final int SEAL_SIZE = 8 + 4 + 1;

    private SnapshotDecoder() {
    }

    /**
     * Decodes {@code in} completely. Content problems throw {@link SnapshotFormatException}; exceptions from
     * {@code sink} pass through unchanged.
     */
    static Summary decode(InputStream in, SnapshotSink sink) throws IOException {
        ChecksummedInput r = new ChecksummedInput(in);
        try {
            return decode(r, sink);
        } catch (EOFException e) {
            throw new SnapshotFormatException("truncated: " + e.getMessage() + " in the middle of a record");
        }
    }

    private static Summary decode(ChecksummedInput r, SnapshotSink sink) throws IOException {
        int magic = r.readInt();
        int version = r.readInt();
        r.readLong(); // dbid: ZooKeeper writes -1 and never reads it
        if (magic != FileHeader.SNAP_MAGIC) {
            throw new SnapshotFormatException("magic 0x" + Integer.toHexString(magic) + " is not a snapshot's (0x"
                    + Integer.toHexString(FileHeader.SNAP_MAGIC) + ", \"ZKSN\")");
        }
        if (version != FileHeader.VERSION) {
            throw new SnapshotFormatException("format version " + version + " is not " + FileHeader.VERSION);
        }
        int sessionCount = count(r, "session");
        Map<Long, Integer> sessions = sink == null ? null : new HashMap<>();
        for (int i = 0; i < sessionCount; i++) {
            long id = r.readLong();
            int timeout = r.readInt();
            if (sessions != null) {
                sessions.put(id, timeout);
            }
        }
        if (sink != null) {
            sink.sessions(sessions);
        }
        int aclCount = count(r, "ACL list");
        Map<Long, List<AclEntry>> acls = sink == null ? null : new HashMap<>();
        for (int i = 0; i < aclCount; i++) {
            long key = r.readLong();
            int n = count(r, "ACL entry");
            List<AclEntry> list = new ArrayList<>(Math.min(n, 16));
            for (int j = 0; j < n; j++) {
                list.add(new AclEntry(r.readInt(), r.readString(), r.readString()));
            }
            if (acls != null) {
                acls.put(key, list);
            }
        }
        if (sink != null) {
            sink.acls(acls);
        }
        long nodes = readNodes(r, sink);
        checkSeal(r.checksum(), r.readLong(), r.readString(), "after the nodes");
        byte[] trailer = r.readRest(SnapshotFormat.MAX_TRAILER);
        Summary s = new Summary(sessionCount, aclCount, nodes, false, false, r.position() + trailer.length);
        return optionalSections(trailer, r.adler(), s);
    }

    private static long readNodes(ChecksummedInput r, SnapshotSink sink) throws IOException {
        if (sink == null) {
            return checkNodes(r);
        }
        PreOrder order = new PreOrder();
        byte[] stat = new byte[SnapshotFormat.STAT_SIZE];
        long nodes = 0;
        for (String path = r.readString(); !SnapshotFormat.END_OF_NODES.equals(path); path = r.readString()) {
            if (path == null) {
                throw new SnapshotFormatException("null node path at byte " + r.position());
            }
            // On disk the root is "": the only path without a '/'.
            String spiPath = nodes == 0 && path.isEmpty() ? "/" : path;
            String problem = order.next(spiPath);
            if (problem != null) {
                throw new SnapshotFormatException(problem + " (node " + (nodes + 1) + ", byte " + r.position() + ")");
            }
            byte[] data = r.readBuffer();
            long aclKey = r.readLong();
            r.readFully(stat, 0, stat.length);
            if (sink != null) {
                StatPersisted s = StatPersisted.read(new JuteInput(stat));
                sink.node(new SnapshotNode(spiPath, data, aclKey, s.czxid(), s.mzxid(), s.ctime(), s.mtime(),
                        s.version(), s.cversion(), s.aversion(), s.ephemeralOwner(), s.pzxid()));
            }
            nodes++;
        }
        if (nodes == 0) {
            throw new SnapshotFormatException("no root node");
        }
        return nodes;
    }

    /**
     * {@link #readNodes} without a sink: the same checks on the bytes as they are, with no String, data copy or
     * stat per node (see {@link PreOrderBytes}).
     */
    private static long checkNodes(ChecksummedInput r) throws IOException {
        PreOrderBytes order = new PreOrderBytes();
        byte[] path = new byte[256];
        long nodes = 0;
        while (true) {
            int n = r.readLength("string");
            if (n == -1) {
                throw new SnapshotFormatException("null node path at byte " + r.position());
            }
            if (n > path.length) {
                path = r.readBytes(n); // grows in steps, so a corrupt length fails at the end of the file
            } else {
                r.readFully(path, 0, n);
            }
            if (n == 1 && path[0] == '/') {
                break; // SnapshotFormat.END_OF_NODES (on disk the root is "", so "/" is never a node)
            }
            String problem = order.next(path, n);
            if (problem != null) {
                throw new SnapshotFormatException(problem + " (node " + (nodes + 1) + ", byte " + r.position() + ")");
            }
            int data = r.readLength("buffer");
            r.skip(Math.max(data, 0));
            r.readLong(); // the ACL key
            r.skip(SnapshotFormat.STAT_SIZE);
            nodes++;
        }
        if (nodes == 0) {
            throw new SnapshotFormatException("no root node");
        }
        return nodes;
    }

    /**
     * ZooKeeper 3.9 may follow the seal with a digest section and/or a last-processed-zxid section, each with
     * its own cumulative seal. Works out from their sizes which are there (the layouts cannot be confused),
     * then verifies their seals in order.
     */
    private static Summary optionalSections(byte[] t, Adler32 adler, Summary s) throws IOException {
        if (t.length == 0) {
            return s;
        }
        int digestLength = digestLength(t);
        boolean digest = false;
        int at = 0;
        if (digestLength > 0 && (t.length == digestLength + SEAL_SIZE
                || t.length == digestLength + SEAL_SIZE + 8 + SEAL_SIZE)) {
            verifySection(t, at, digestLength, adler, "digest");
            at += digestLength + SEAL_SIZE;
            digest = true;
        }
        boolean lastZxid = false;
        if (t.length - at == 8 + SEAL_SIZE) {
            verifySection(t, at, 8, adler, "last processed zxid");
            at += 8 + SEAL_SIZE;
            lastZxid = true;
        }
        if (at != t.length) {
            throw new SnapshotFormatException((t.length - at) + " unexpected bytes after the seal");
        }
        return new Summary(s.sessions(), s.aclLists(), s.nodes(), digest, lastZxid, s.bytes());
    }

    /** Length of a digest section at the start of {@code t} (zxid, version, digest), or -1 if it cannot be one. */
    private static int digestLength(byte[] t) {
        if (t.length < 12) {
            return -1;
        }
        int version = LogFormat.intAt(t, 8);
        if (version >= 2) {
            return 20;
        }
        if (t.length < 16) {
            return -1;
        }
        int len = LogFormat.intAt(t, 12); // versions before 2 stored the digest as a hex string
        return len == -1 ? 16 : len < 0 ? -1 : 16 + len;
    }

    private static void verifySection(byte[] t, int at, int length, Adler32 adler, String what) throws IOException {
        adler.update(t, at, length);
        int seal = at + length;
        if (seal + SEAL_SIZE > t.length) {
            throw new SnapshotFormatException("the " + what + " section has no seal");
        }
        long stored = LogFormat.longAt(t, seal);
        int slashLength = LogFormat.intAt(t, seal + 8);
        String slash = slashLength == 1 ? String.valueOf((char) t[seal + 12]) : null;
        checkSeal(adler.getValue(), stored, slash, "after the " + what);
        adler.update(t, seal, SEAL_SIZE);
    }

    private static void checkSeal(long computed, long stored, String slash, String where) throws IOException {
        if (stored != computed) {
            throw new SnapshotFormatException("checksum mismatch in the seal " + where + ": stored 0x"
                    + Long.toHexString(stored) + ", computed 0x" + Long.toHexString(computed));
        }
        if (!SnapshotFormat.END_OF_NODES.equals(slash)) {
            throw new SnapshotFormatException("the seal " + where + " does not end with \"/\"");
        }
    }

    private static int count(ChecksummedInput r, String what) throws IOException {
        long at = r.position();
        int n = r.readInt();
        if (n < 0) {
            throw new SnapshotFormatException("negative " + what + " count " + n + " at byte " + at);
        }
        return n;
    }
}
