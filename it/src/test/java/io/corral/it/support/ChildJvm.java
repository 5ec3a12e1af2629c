package io.corral.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A helper JVM started with the test classpath, e.g. a ZooKeeper client the test can freeze with SIGSTOP. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allLines = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "child-jvm-out-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-Dlogback.configurationFile=logback-child.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(process);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (allLines) {
                    allLines.add(line);
                }
                lines.add(line);
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits (bounded) for an output line starting with {@code prefix} and returns it. */
    public String awaitLine(String prefix, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("child JVM did not print '" + prefix + "' within " + atMost + "; output so far: " + output());
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
    }

    public String output() {
        synchronized (allLines) {
            return String.join("\n", allLines);
        }
    }

    /** Sends a signal to this child, by pid, with kill(1). */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + signal + " did not finish");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " exited with " + kill.exitValue());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Continues the process if it was stopped, then terminates it (forcibly if needed). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            signal("CONT");
        } catch (IOException | InterruptedException ignored) {
            // best effort; SIGKILL below works on stopped processes as well
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
