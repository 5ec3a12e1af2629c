package io.corral.it.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One server process (Corral or the reference ZooKeeper, per {@link Target#current()} unless the builder says
 * otherwise), started in a fresh temporary directory on a free loopback port, with its output captured in
 * {@code target/it-logs/<name>-<n>.log} (a new file for every start).
 *
 * <p>For durability tests the process can be killed with SIGKILL ({@link #kill9()}) or stopped with SIGTERM while
 * keeping its data ({@link #shutdown()}), and started again on the same dataDir, dataLogDir and port
 * ({@link #restart()}), also as the other implementation ({@link #restart(Target)}).
 */
public final class ServerProcess implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Map<String, AtomicInteger> LOG_COUNTERS = new ConcurrentHashMap<>();

    private final String name;
    private final int port;
    private final Path dir;
    private final Path dataDir;
    private final Path dataLogDir;
    private final Path cfgFile;
    private final String cfgText;
    private final Map<String, String> config;
    private final List<String> extraJvmArgs;
    private final List<Path> extraClasspath;
    private final Thread shutdownHook;

    private volatile Target target;
    private volatile Process process;
    private volatile Path logFile;

    private ServerProcess(Builder b, Target target, int port, Path dir, Path dataDir, Path dataLogDir,
                          Path cfgFile, String cfgText, Map<String, String> config) {
        this.name = b.name;
        this.target = target;
        this.port = port;
        this.dir = dir;
        this.dataDir = dataDir;
        this.dataLogDir = dataLogDir;
        this.cfgFile = cfgFile;
        this.cfgText = cfgText;
        this.config = config;
        this.extraJvmArgs = List.copyOf(b.extraJvmArgs);
        this.extraClasspath = List.copyOf(b.extraClasspath);
        this.shutdownHook = new Thread(() -> {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
        }, "it-server-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder(Class<?> testClass) {
        return new Builder(testClass.getSimpleName());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The implementation of the current (or last) process. */
    public Target target() {
        return target;
    }

    public int port() {
        return port;
    }

    public String connectString() {
        return HOST + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The output file of the current (or last) process. */
    public Path logFile() {
        return logFile;
    }

    /** The value written to zoo.cfg for {@code key}, or null. */
    public String config(String key) {
        return config.get(key);
    }

    public int tickTime() {
        return Integer.parseInt(config.get("tickTime"));
    }

    /** The admin endpoint's port on {@link #HOST}, or -1 when it is off (the default; see {@link Builder#adminServer()}). */
    public int adminPort() {
        return "true".equals(config.get("admin.enableServer")) ? Integer.parseInt(config.get("admin.serverPort")) : -1;
    }

    /** The dataDir of zoo.cfg (snapshots live in its {@code version-2}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The dataLogDir of zoo.cfg, or the dataDir when none is set (transaction logs live in its {@code version-2}). */
    public Path dataLogDir() {
        return dataLogDir;
    }

    /** {@code <dataDir>/version-2}: where {@code snapshot.<zxid>} files are. */
    public Path snapshotDir() {
        return dataDir.resolve("version-2");
    }

    /** {@code <dataLogDir>/version-2}: where {@code log.<zxid>} files are. */
    public Path txnLogDir() {
        return dataLogDir.resolve("version-2");
    }

    /** Everything the current (or last) process has written to stdout/stderr so far. */
    public String logText() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident set size of the server process in kB, from /proc/&lt;pid&gt;/status. */
    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line for pid " + pid());
    }

    /** Sends a four-letter word on a fresh connection and returns everything the server writes until it closes. */
    public String fourLetter(String cmd) throws IOException {
        return fourLetter(cmd, 10_000);
    }

    private String fourLetter(String cmd, int readTimeoutMs) throws IOException {
        return FourLetterWord.ask(HOST, port, cmd, 5_000, readTimeoutMs);
    }

    /**
     * For the start-up probe: a short read timeout, because a ZooKeeper that is still loading its data can fail to
     * close a four-letter-word connection (it then hangs until the timeout).
     */
    private String fourLetterOrNull(String cmd) {
        try {
            return fourLetter(cmd, 1_000);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sends SIGKILL to the server by pid ({@code kill -9}) and waits (bounded) until it has exited. The data stays;
     * {@link #restart()} starts a new process on it.
     */
    public void kill9() throws IOException, InterruptedException {
        Process p = process;
        if (!p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -9 " + p.pid() + " did not finish");
        }
        if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server pid " + p.pid() + " still alive " + EXIT_TIMEOUT + " after kill -9");
        }
        if (kill.exitValue() != 0 && p.exitValue() != 137) {
            throw new IOException("kill -9 " + p.pid() + " exited with " + kill.exitValue());
        }
    }

    /** Stops the server with SIGTERM and waits (bounded) for it to exit, keeping its data. Returns the exit code. */
    public int shutdown() throws InterruptedException {
        Process p = process;
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server pid " + p.pid() + " did not exit within " + EXIT_TIMEOUT
                        + " of SIGTERM; log " + logFile);
            }
        }
        return p.exitValue();
    }

    /** Waits (bounded) for the current process to exit on its own and returns its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        Process p = process;
        if (!p.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server pid " + p.pid() + " still running after " + atMost);
        }
        return p.exitValue();
    }

    /** Starts the same implementation again on the same data, zoo.cfg and port; the previous process must be gone. */
    public ServerProcess restart() throws IOException {
        return restart(target);
    }

    /**
     * Starts {@code as} on the same data, zoo.cfg and port, and waits (bounded) until it serves requests. Throws
     * IllegalStateException (with the server output) if the process exits before that.
     */
    public ServerProcess restart(Target as) throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("restart: server pid " + pid() + " is still running");
        }
        launch(as);
        return this;
    }

    /**
     * Starts {@code as} on the same data, zoo.cfg and port without waiting for it; for tests that expect the server
     * to refuse to start ({@link #awaitExit(Duration)}) or to decide afterwards ({@link #awaitServing()}).
     */
    public void restartNoWait(Target as) throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("restart: server pid " + pid() + " is still running");
        }
        spawn(as);
    }

    private void launch(Target as) throws IOException {
        spawn(as);
        try {
            awaitServing();
        } catch (RuntimeException | Error e) {
            Process p = process;
            p.destroyForcibly();
            throw e;
        }
    }

    private void spawn(Target as) throws IOException {
        List<String> command = ServerCommand.build(as, config, dir, cfgFile, extraJvmArgs, extraClasspath);
        int n = LOG_COUNTERS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        Path log = logDir().resolve(name + "-" + n + ".log");
        Files.deleteIfExists(log);
        String header = "# " + String.join(" ", command) + "\n# zoo.cfg:\n"
                + cfgText.strip().replaceAll("(?m)^", "#   ") + "\n\n";
        Files.writeString(log, header, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        this.logFile = log;
        this.target = as;
        this.process = pb.start();
    }

    /** Waits (bounded) until the current process answers ruok (and, for ZooKeeper, serves requests). */
    public void awaitServing() {
        Process p = process;
        Target t = target;
        await("server " + name + " answers ruok").atMost(START_TIMEOUT).pollDelay(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("server process exited with " + p.exitValue()
                                + " before answering ruok; log " + logFile + ":\n" + logText());
                    }
                    if (!"imok".equals(fourLetterOrNull("ruok"))) {
                        return false;
                    }
                    // The admin endpoint starts after the client port: wait for it too when a test uses it.
                    if (adminPort() > 0 && !accepts(adminPort())) {
                        return false;
                    }
                    if (t != Target.ZOOKEEPER) {
                        return true;
                    }
                    // ZooKeeper answers imok before it serves requests; srvr says so until it does.
                    String srvr = fourLetterOrNull("srvr");
                    return srvr != null && !srvr.contains("not currently serving requests");
                });
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(HOST, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL if it does not exit) and removes its directory. */
    public void stop() {
        Process p = process;
        try {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(15, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
            deleteRecursively(dir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        Process p = process;
        return target + " server pid " + (p == null ? "-" : Long.toString(p.pid())) + " at " + connectString()
                + " (log " + logFile + ")";
    }

    /** Deletes {@code root} and everything below it, best effort. */
    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    /** {@code target/it-logs}, created if missing: where every server and tool the tests start writes its output. */
    public static Path logDir() throws IOException {
        Path dir = Paths.get(System.getProperty("basedir", "."), "target", "it-logs");
        Files.createDirectories(dir);
        return dir;
    }

    /** The runtime classpath of the Corral server ({@code target/server.classpath}, written by the build). */
    public static String corralClasspath() throws IOException {
        String file = System.getProperty("corral.server.classpath.file");
        if (file == null) {
            throw new IllegalStateException("system property corral.server.classpath.file is not set");
        }
        return Files.readString(Paths.get(file), StandardCharsets.UTF_8).trim();
    }

    /** Builder for the zoo.cfg keys the tests use. Unset keys are left to the server's defaults. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> cfg = new LinkedHashMap<>();
        private final List<String> extraJvmArgs = new ArrayList<>();
        private final List<Path> extraClasspath = new ArrayList<>();
        private Target target;
        private Path dataDir;
        private Path dataLogDir;
        private boolean separateDataLogDir;

        private Builder(String name) {
            this.name = name;
            cfg.put("tickTime", "2000");
            cfg.put("maxClientCnxns", "60");
            cfg.put("extendedTypesEnabled", "true");
            cfg.put("4lw.commands.whitelist", "*");
            // Off unless a test asks for it, so that no two servers fight over the default port 8080.
            cfg.put("admin.enableServer", "false");
        }

        /** Turns the admin endpoint on, on a free loopback port ({@link ServerProcess#adminPort()}). */
        public Builder adminServer() {
            cfg.put("admin.enableServer", "true");
            cfg.put("admin.serverAddress", HOST);
            cfg.put("admin.serverPort", "0"); // a free port is picked at start
            return this;
        }

        /** Runs this implementation regardless of {@code -Dit.target}. */
        public Builder target(Target t) {
            this.target = t;
            return this;
        }

        public Builder tickTime(int ms) {
            cfg.put("tickTime", Integer.toString(ms));
            return this;
        }

        public Builder minSessionTimeout(int ms) {
            cfg.put("minSessionTimeout", Integer.toString(ms));
            return this;
        }

        public Builder maxSessionTimeout(int ms) {
            cfg.put("maxSessionTimeout", Integer.toString(ms));
            return this;
        }

        public Builder maxClientCnxns(int n) {
            cfg.put("maxClientCnxns", Integer.toString(n));
            return this;
        }

        public Builder juteMaxBuffer(int bytes) {
            cfg.put("jute.maxbuffer", Integer.toString(bytes));
            return this;
        }

        public Builder extendedTypesEnabled(boolean enabled) {
            cfg.put("extendedTypesEnabled", Boolean.toString(enabled));
            return this;
        }

        public Builder containerCheckIntervalMs(long ms) {
            cfg.put("znode.container.checkIntervalMs", Long.toString(ms));
            return this;
        }

        /**
         * The durable store: {@code persistence.provider=file} (Corral; ZooKeeper is durable anyway and ignores the
         * key) with {@code forceSync=yes}.
         */
        public Builder durable() {
            cfg.put("persistence.provider", "file");
            cfg.put("forceSync", "yes");
            return this;
        }

        /** {@code snapCount}: about this many transactions between snapshots (half of it plus a random part). */
        public Builder snapCount(int n) {
            cfg.put("snapCount", Integer.toString(n));
            return this;
        }

        /** {@code preAllocSize} in KB: the step by which a transaction log file grows. */
        public Builder preAllocSizeKb(int kb) {
            cfg.put("preAllocSize", Integer.toString(kb));
            return this;
        }

        /** {@code DigestAuthenticationProvider.superDigest}, e.g. {@code super:<base64 sha1>}. */
        public Builder superDigest(String digest) {
            cfg.put("DigestAuthenticationProvider.superDigest", digest);
            return this;
        }

        /** Puts the transaction logs in their own {@code dataLogDir} next to the dataDir. */
        public Builder separateDataLogDir() {
            this.separateDataLogDir = true;
            return this;
        }

        /**
         * Uses existing directories the test owns (they are not deleted on {@link ServerProcess#stop()});
         * {@code logDir} null means no dataLogDir key (logs in the dataDir).
         */
        public Builder dataDirs(Path snapDir, Path logDir) {
            this.dataDir = snapDir;
            this.dataLogDir = logDir;
            return this;
        }

        /** A jar the Corral server gets on its class path besides its own, as a plugin jar dropped into lib/ would. */
        public Builder classpathEntry(Path jar) {
            extraClasspath.add(jar);
            return this;
        }

        /** Any other zoo.cfg key. */
        public Builder set(String key, String value) {
            cfg.put(key, value);
            return this;
        }

        /** An extra JVM argument for the server process (e.g. a -D system property). */
        public Builder jvmArg(String arg) {
            extraJvmArgs.add(arg);
            return this;
        }

        public ServerProcess start() throws IOException {
            Target t = target != null ? target : Target.current();
            Path dir = Files.createTempDirectory("corral-it-" + name + "-");
            boolean inside = dataDir == null;
            Path snapDir = inside ? dir.resolve("data") : dataDir;
            Path logDir = inside ? (separateDataLogDir ? dir.resolve("datalog") : null) : dataLogDir;
            Files.createDirectories(snapDir);
            if (logDir != null) {
                Files.createDirectories(logDir);
            }
            int port = freePort();

            Map<String, String> config = new LinkedHashMap<>(cfg);
            if ("true".equals(config.get("admin.enableServer")) && "0".equals(config.get("admin.serverPort"))) {
                config.put("admin.serverPort", Integer.toString(freePort()));
            }
            config.put("clientPort", Integer.toString(port));
            config.put("clientPortAddress", HOST);
            config.put("dataDir", snapDir.toString());
            if (logDir != null) {
                config.put("dataLogDir", logDir.toString());
            }

            Path cfgFile = dir.resolve("zoo.cfg");
            StringBuilder text = new StringBuilder();
            config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(cfgFile, text.toString(), StandardCharsets.UTF_8);

            ServerProcess server = new ServerProcess(this, t, port, dir, snapDir, logDir == null ? snapDir : logDir,
                    cfgFile, text.toString(), config);
            try {
                server.launch(t);
            } catch (RuntimeException | Error | IOException e) {
                server.stop();
                throw e;
            }
            return server;
        }
    }
}
