package io.corral.persistence.file;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code PurgeTool <dataDir> <dataLogDir> -n <count>}: keeps the {@code count} (at least 3) newest snapshots and
 * the logs needed to replay from the oldest of them, and deletes older files, by the same rule as the running
 * server ({@link Purger}). Safe to run beside a running server. It does not open the log for writing, so it
 * never repairs a torn tail (the server does that at start).
 */
public final class PurgeTool {
    static final int MIN_COUNT = 3;

    private PurgeTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 4 || !args[2].equals("-n")) {
            return usage(err, null);
        }
        int count;
        try {
            count = Integer.parseInt(args[3]);
        } catch (NumberFormatException e) {
            return usage(err, "count '" + args[3] + "' is not a number");
        }
        if (count < MIN_COUNT) {
            return usage(err, "count must be at least " + MIN_COUNT + ", not " + count);
        }
        Path snapDir = Path.of(args[0]).resolve(FileNames.VERSION_DIR);
        Path logDir = Path.of(args[1]).resolve(FileNames.VERSION_DIR);
        for (Path d : new Path[] {snapDir, logDir}) {
            if (!Files.isDirectory(d)) {
                err.println(d + " does not exist: is " + d.getParent() + " a dataDir/dataLogDir?");
                return 1;
            }
        }
        try {
            Purger.Result r = Purger.purge(snapDir, logDir, count);
            for (Path p : r.deleted()) {
                out.println("Removed " + p);
            }
            out.println(r.oldestKeptZxid() < 0 ? "No complete snapshot: nothing removed"
                    : "Kept snapshots from 0x" + Long.toHexString(r.oldestKeptZxid()) + " on; removed "
                    + r.deleted().size() + " files");
            return 0;
        } catch (IOException e) {
            err.println("Purge failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        if (problem != null) {
            err.println(problem);
        }
        err.println("usage: PurgeTool <dataDir> <dataLogDir> -n <count>   (count >= " + MIN_COUNT
                + ": snapshots to keep)");
        return 2;
    }
}
