package io.corral.bench.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM's memory: heap in use after a full collection (through {@code jcmd}) and the process's
 * resident set from {@code /proc/<pid>/status}. Works on any JVM of the same user, so it treats both servers alike.
 */
final class JvmProbe {

    private static final Pattern USED_KB = Pattern.compile("used (\\d+)K");
    private static final Pattern TOTAL_KB = Pattern.compile("total (\\d+)K");
    private static final long JCMD_TIMEOUT_S = 120;

    private final long pid;

    JvmProbe(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("the memory workload needs --server-pid");
        }
        this.pid = pid;
    }

    /** Heap {used, committed} in kB after two requested full collections (the second settles what the first freed). */
    long[] heapAfterFullGcKb() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        return parseHeapInfo(jcmd("GC.heap_info"));
    }

    /**
     * {used, committed} in kB from GC.heap_info: the sum over the lines that describe a heap or generation (they
     * carry "total"); Metaspace and region lines do not. With G1 that is the single "garbage-first heap" line.
     */
    static long[] parseHeapInfo(String text) {
        long used = 0;
        long total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            Matcher u = USED_KB.matcher(line);
            Matcher t = TOTAL_KB.matcher(line);
            if (t.find() && u.find()) {
                used += Long.parseLong(u.group(1));
                total += Long.parseLong(t.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no heap usage in GC.heap_info output:\n" + text);
        }
        return new long[] {used, total};
    }

    /** A {@code kB} field of /proc/&lt;pid&gt;/status, e.g. VmRSS (resident now) or VmHWM (peak resident). */
    long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        ProcessBuilder pb = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid), command).redirectErrorStream(true);
        Process process = pb.start();
        if (!process.waitFor(JCMD_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " still running after " + JCMD_TIMEOUT_S
                    + " s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " exited " + process.exitValue() + ": "
                    + out);
        }
        return out;
    }
}
