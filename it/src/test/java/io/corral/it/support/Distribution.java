package io.corral.it.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The built tarball ({@code distribution/target/corral-<version>-bin.tar.gz}, path in the system property
 * {@code corral.distribution.tarball}) unpacked with tar into a fresh temporary directory, and its scripts run as a
 * user runs them: by path, from a working directory of the test's choosing, with the test JVM's Java as JAVA_HOME.
 *
 * <p>Every server a test starts through the scripts has a pid file in its dataDir; {@link #close()} stops any that
 * is still running by that pid (SIGTERM, then SIGKILL), so a failed test leaves no process behind. Each script run
 * writes its stdout and stderr to {@code target/it-logs/<name>-<n>.out|.err}.
 */
public final class Distribution implements AutoCloseable {

    public static final String HOST = ServerProcess.HOST;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    /** The pid file name ZooKeeper's zkServer.sh uses, in dataDir. */
    public static final String PID_FILE = "zookeeper_server.pid";
    /** Variables of the user's environment that would change what the scripts do; the tests set their own. */
    private static final List<String> SCRIPT_VARIABLES = List.of("ZOOCFGDIR", "ZOOCFG", "ZOO_LOG_DIR", "ZOO_LOG_FILE",
            "ZOOPIDFILE", "JVMFLAGS", "SERVER_JVMFLAGS", "CLIENT_JVMFLAGS", "JMXPORT", "JMXDISABLE", "JMXLOCALONLY",
            "JMXAUTH", "JMXSSL", "JMXHOSTNAME", "CLASSPATH", "ZK_SERVER_HEAP", "ZK_CLIENT_HEAP");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Exit code and output of one script run. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** stdout then stderr, for assertions that do not care which stream a message is on. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    /** A standalone server's zoo.cfg in conf/: its name, client port and dataDir (absolute). */
    public record Server(String cfgName, int port, Path dataDir) {
        public Path pidFile() {
            return dataDir.resolve(PID_FILE);
        }

        public String connectString() {
            return HOST + ":" + port;
        }
    }

    private final String name;
    private final Path root;
    private final Path home;
    private final Set<Path> pidFiles = new LinkedHashSet<>();

    private Distribution(String name, Path root, Path home) {
        this.name = name;
        this.root = root;
        this.home = home;
    }

    /**
     * Unpacks the tarball into a new temporary directory with tar, as a user would. Aborts the calling test (a JUnit
     * assumption) when the tarball has not been built.
     */
    public static Distribution unpack(Class<?> testClass) throws IOException, InterruptedException {
        String property = System.getProperty("corral.distribution.tarball");
        if (property == null) {
            throw new IllegalStateException("system property corral.distribution.tarball is not set (it/pom.xml sets it)");
        }
        Path tarball = Paths.get(property).toAbsolutePath().normalize();
        // Packaged only from the package phase on: "mvn test" runs these tests without a tarball, so they are
        // skipped then, saying why ("mvn verify", or "mvn package" first, runs them).
        Assumptions.assumeTrue(Files.isRegularFile(tarball), () -> tarball + " does not exist: build it first"
                + " (mvn -B -q package -DskipTests from the root, or mvn -pl distribution -am package)");
        Path root = Files.createTempDirectory("corral-dist-" + testClass.getSimpleName() + "-");
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", root.toString())
                .redirectErrorStream(true).start();
        String tarOutput = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            tar.destroyForcibly();
            throw new IOException("tar xzf " + tarball + " failed: " + tarOutput);
        }
        Path home;
        try (Stream<Path> children = Files.list(root)) {
            List<Path> dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() != 1 || !dirs.get(0).getFileName().toString().startsWith("corral-")) {
                throw new IOException("expected one corral-<version>/ directory in " + tarball + ", found " + dirs);
            }
            home = dirs.get(0);
        }
        return new Distribution(testClass.getSimpleName(), root, home);
    }

    /** The unpacked {@code corral-<version>} directory. */
    public Path home() {
        return home;
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** A scratch directory beside the install (not inside it), e.g. a working directory that is not the install's. */
    public Path scratch(String dirName) throws IOException {
        return Files.createDirectories(root.resolve(dirName));
    }

    /**
     * Writes {@code conf/<cfgName>}: conf/zoo.cfg with clientPort set to a free loopback port,
     * {@code dataDir=data/<cfgName without .cfg>} (relative, so resolved against the install directory) and the
     * admin endpoint on a free port.
     */
    public Server standalone(String cfgName) throws IOException {
        int port = ServerProcess.freePort();
        String dataDir = "data/" + cfgName.replaceFirst("\\.cfg$", "");
        // admin.serverPort=0: the admin endpoint on any free port, never on another test's (or the host's) 8080.
        writeConfig(cfgName, conf().resolve("zoo.cfg"), Map.of("clientPort", Integer.toString(port),
                "dataDir", dataDir, "admin.serverPort", "0"));
        return register(new Server(cfgName, port, home.resolve(dataDir)));
    }

    /**
     * Writes {@code conf/<cfgName>} from {@code template} (a file of conf/, e.g. zoo_sample.cfg) with {@code changes}
     * applied: an existing key's line is replaced where it is, a new key appended; a null value removes the key.
     */
    public Path writeConfig(String cfgName, Path template, Map<String, String> changes) throws IOException {
        Map<String, String> pending = new LinkedHashMap<>(changes);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(template, StandardCharsets.UTF_8)) {
            String key = keyOf(line);
            if (key != null && changes.containsKey(key)) {
                String value = pending.remove(key);
                if (value != null) {
                    lines.add(key + "=" + value);
                }
                continue;
            }
            lines.add(line);
        }
        pending.forEach((k, v) -> {
            if (v != null) {
                lines.add(k + "=" + v);
            }
        });
        Path cfg = conf().resolve(cfgName);
        Files.write(cfg, lines, StandardCharsets.UTF_8);
        return cfg;
    }

    /** Remembers a server's pid file, so that {@link #close()} stops it if a test does not. */
    public Server register(Server server) {
        pidFiles.add(server.pidFile());
        return server;
    }

    private static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        int eq = t.indexOf('=');
        return eq < 0 ? null : t.substring(0, eq).strip();
    }

    /** Runs {@code bin/<script> args...} from the install directory. */
    public Result run(String script, String... args) throws IOException, InterruptedException {
        return run(home, Map.of(), null, script, args);
    }

    /**
     * Runs {@code bin/<script> args...} with {@code cwd} as working directory, {@code env} added to the environment
     * and {@code stdin} (null: empty) as its input; waits (bounded) for it to exit.
     */
    public Result run(Path cwd, Map<String, String> env, String stdin, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        return exec(command, cwd, env, false, stdin);
    }

    /**
     * Runs a command with exactly {@code env} as its environment (nothing inherited), for tests of what the scripts
     * do when, say, there is no Java.
     */
    public Result runWithEnvironment(Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        return exec(command, home, env, true, null);
    }

    private Result exec(List<String> command, Path cwd, Map<String, String> env, boolean exactEnv, String stdin)
            throws IOException, InterruptedException {
        int n = RUNS.incrementAndGet();
        String base = name + "-" + n + "-" + Paths.get(command.get(0)).getFileName();
        Path out = ServerProcess.logDir().resolve(base + ".out");
        Path err = ServerProcess.logDir().resolve(base + ".err");
        Path in = root.resolve("stdin-" + n);
        Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
        Files.writeString(err, "# " + String.join(" ", command) + "   (in " + cwd + ", env " + env + ")\n",
                StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        Map<String, String> environment = pb.environment();
        if (exactEnv) {
            environment.clear();
        } else {
            SCRIPT_VARIABLES.forEach(environment::remove);
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("ZK_SERVER_HEAP", "256");
            environment.put("ZK_CLIENT_HEAP", "128");
        }
        environment.putAll(env);
        Process p = pb.start();
        if (!p.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT
                    + "; output in " + out + " and " + err);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        stderr = stderr.substring(stderr.indexOf('\n') + 1);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    /**
     * Starts {@code bin/<script> args...} without waiting for it (e.g. {@code zkServer.sh start-foreground}), output
     * to {@code target/it-logs}; the caller stops it by pid.
     */
    public Process spawn(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        Path out = ServerProcess.logDir().resolve(name + "-" + RUNS.incrementAndGet() + "-" + script + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        SCRIPT_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("ZK_SERVER_HEAP", "256");
        return pb.start();
    }

    /** The pid in a server's pid file, if the file exists. */
    public static Optional<Long> pidOf(Server server) throws IOException {
        Path file = server.pidFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    }

    /**
     * Whether {@code pid} is running. A process that has exited but is not reaped yet (a zombie: its parent, e.g.
     * init after the script that started it ended, has not collected it) counts as exited, although
     * ProcessHandle still calls it alive.
     */
    public static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (bounded) until process {@code pid} has exited. */
    public static void awaitExit(long pid, Duration atMost) {
        await("process " + pid + " exits").atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> !isAlive(pid));
    }

    /** Sends SIGTERM to {@code pid} (by pid) and waits, bounded, for it to exit; SIGKILL if it does not. */
    public static void stopByPid(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        handle.get().destroy();
        try {
            awaitExit(pid, EXIT_TIMEOUT);
        } catch (RuntimeException e) {
            handle.get().destroyForcibly();
            awaitExit(pid, EXIT_TIMEOUT);
        }
    }

    /** The server's srvr reply, or null when nothing answers on its port. */
    public static String srvr(Server server) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(HOST, server.port()), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops every registered server that is still running, by the pid in its pid file; deletes the install. */
    @Override
    public void close() {
        for (Path pidFile : pidFiles) {
            try {
                if (Files.exists(pidFile)) {
                    String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
                    if (!text.isEmpty()) {
                        stopByPid(Long.parseLong(text));
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop the server of " + pidFile + ": " + e);
            }
        }
        ServerProcess.deleteRecursively(root);
    }
}
