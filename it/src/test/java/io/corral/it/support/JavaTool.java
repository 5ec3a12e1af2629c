package io.corral.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

/**
 * Runs a command-line tool's main class in its own JVM: a Corral tool with the server's runtime classpath, a
 * ZooKeeper tool with the test classpath. Output goes to {@code target/it-logs/<tool>-<n>.log}.
 */
public final class JavaTool {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Exit code and everything the tool wrote. */
    public record Result(int exitCode, String output, Path logFile) {
    }

    private JavaTool() {
    }

    /** Runs {@code mainClass} with {@code args}, with the classpath of {@code target}, waiting at most {@code atMost}. */
    public static Result run(Target target, String mainClass, Duration atMost, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(target == Target.ZOOKEEPER ? System.getProperty("java.class.path") : ServerProcess.corralClasspath());
        command.add(mainClass);
        command.addAll(List.of(args));
        String simple = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        Path log = ServerProcess.logDir().resolve(simple + "-" + COUNTER.incrementAndGet() + ".log");
        Files.writeString(log, "# " + String.join(" ", command) + "\n\n", StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(simple + " did not finish within " + atMost + "; output in " + log);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    /** Whether a class file for {@code className} is on the Corral server's runtime classpath. */
    public static boolean corralHasClass(String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        for (String element : ServerProcess.corralClasspath().split(File.pathSeparator)) {
            Path p = Paths.get(element);
            if (Files.isDirectory(p)) {
                if (Files.exists(p.resolve(entry))) {
                    return true;
                }
            } else if (Files.isRegularFile(p)) {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    if (zip.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
