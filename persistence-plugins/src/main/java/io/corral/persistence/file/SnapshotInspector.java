package io.corral.persistence.file;

import io.corral.api.persistence.AclEntry;
import io.corral.api.persistence.SnapshotNode;
import io.corral.api.persistence.SnapshotSink;
import io.corral.persistence.file.FileNames.SnapshotFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code SnapshotInspector <snapshot file>}: prints the session count, then every node in file order with its
 * dataLength, czxid, mzxid and ephemeralOwner. Nodes are printed as they are read; the seals are checked at
 * the end, and a bad one is reported on stderr with exit status 1.
 */
public final class SnapshotInspector {
    private SnapshotInspector() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: SnapshotInspector <snapshot file>   (e.g. dataDir/version-2/snapshot.0)");
            return 2;
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return 2;
        }
        SnapshotFile f = FileNames.parseSnapshot(file);
        if (f == null) {
            // Any name is fine here: read it as an uncompressed snapshot unless it says .gz.
            f = new SnapshotFile(0, file, file.toString().endsWith(".gz")
                    ? FileNames.Compression.GZIP : FileNames.Compression.NONE);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = SnapshotFiles.stream(f, ch)) {
            SnapshotDecoder.Summary s = SnapshotDecoder.decode(in, new Printer(out));
            out.println("nodes: " + s.nodes() + ", ACL lists: " + s.aclLists() + ", sections after the seal: "
                    + (s.digest() ? "digest " : "") + (s.lastZxid() ? "lastProcessedZxid" : "")
                    + (s.digest() || s.lastZxid() ? "" : "none") + "; seals OK");
            return 0;
        } catch (IOException e) {
            out.flush();
            err.println(file + ": " + e.getMessage());
            return 1;
        }
    }

    private static final class Printer implements SnapshotSink {
        private final PrintStream out;

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public void sessions(Map<Long, Integer> sessions) {
            out.println("sessions: " + sessions.size());
        }

        @Override
        public void acls(Map<Long, List<AclEntry>> acls) {
        }

        @Override
        public void node(SnapshotNode n) {
            out.println(n.path() + " dataLength " + (n.data() == null ? -1 : n.data().length)
                    + " czxid 0x" + Long.toHexString(n.czxid()) + " mzxid 0x" + Long.toHexString(n.mzxid())
                    + " ephemeralOwner 0x" + Long.toHexString(n.ephemeralOwner()));
        }
    }
}
