package io.corral.persistence.file;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code LogInspector <log file>}: prints one line per entry (zxid, time, session, cxid, type, path and
 * details; multi shows its sub-operations). Reads the file as it is, without repairing it: a torn or corrupt
 * entry ends the listing with a message on stderr and exit status 1.
 */
public final class LogInspector {
    private LogInspector() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: LogInspector <log file>   (e.g. dataLogDir/version-2/log.1)");
            return 2;
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return 2;
        }
        try (LogSegmentReader r = new LogSegmentReader(file, -1)) {
            if (r.headerProblem() != null) {
                err.println(file + ": not a transaction log: " + r.headerProblem());
                return 1;
            }
            for (LogSegmentReader.Entry e = r.next(); e != null; e = r.next()) {
                out.println(TxnDescriber.describe(e.bytes()));
            }
            if (r.problem() != null) {
                err.println(file + ": stopped at byte offset " + r.problemOffset() + " after " + r.entries()
                        + " entries: " + r.problem());
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println(file + ": " + e.getMessage());
            return 1;
        }
    }
}
