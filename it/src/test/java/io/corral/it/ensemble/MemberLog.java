package io.corral.it.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.corral.it.support.ServerProcess;

/**
 * The output file of one ensemble member over all its starts, {@code target/it-logs/<ensemble>-<id>.log}. Each start
 * appends a header (time, start number, command line, zoo.cfg) before the process's own output, and the fixture notes
 * its kills and stops there too, so that one file tells the member's whole story in order.
 */
final class MemberLog {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** The first line of {@link #beginStart}'s header: {@link #textSinceLastStart()} cuts at the last one. */
    private static final Pattern START_HEADER = Pattern.compile("(?m)^# \\[test [^\\]]*\\] start \\d+ of server ");

    private final Path file;
    /** {@code server <id> of <ensemble>}, for the start headers. */
    private final String member;
    private int starts;

    private MemberLog(Path file, String member) {
        this.file = file;
        this.member = member;
    }

    /**
     * The log of member {@code id} of the ensemble called {@code ensembleName}. A file of that name left by an earlier
     * run is moved aside to {@code <name>-<id>.log.previous} now, so that a member never started has no log to be
     * mistaken for its own, while the log of a failed run survives the rerun of its test (surefire's
     * {@code rerunFailingTestsCount}), which is what one reads to find out why it failed.
     */
    static MemberLog fresh(String ensembleName, int id) throws IOException {
        Path file = ServerProcess.logDir().resolve(ensembleName + "-" + id + ".log");
        if (Files.exists(file)) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return new MemberLog(file, "server " + id + " of " + ensembleName);
    }

    /**
     * Writes the header of the next start: the first one creates the file, later ones append after a blank line. The
     * process's output is then to be appended to {@link #file()}.
     */
    void beginStart(List<String> command, String cfgText) throws IOException {
        starts++;
        String header = "# [test " + now() + "] start " + starts + " of " + member + "\n# " + String.join(" ", command)
                + "\n# zoo.cfg:\n" + cfgText.strip().replaceAll("(?m)^", "#   ") + "\n\n";
        if (starts == 1) {
            Files.writeString(file, header, StandardCharsets.UTF_8);
        } else {
            Files.writeString(file, "\n" + header, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    /** Appends {@code # [test <time>] <what>}; best effort, since a lost note must not fail a test. */
    void note(String what) {
        try {
            Files.writeString(file, "\n# [test " + now() + "] " + what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // only a note
        }
    }

    Path file() {
        return file;
    }

    /** The whole file: every start's header and output, and the notes. */
    String text() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file from the latest start's header on, so that a line printed before a restart does not count for the run
     * after it.
     */
    String textSinceLastStart() {
        String text = text();
        Matcher header = START_HEADER.matcher(text);
        int from = 0;
        while (header.find()) {
            from = header.start();
        }
        return text.substring(from);
    }

    private static String now() {
        return LocalTime.now().format(CLOCK);
    }
}
