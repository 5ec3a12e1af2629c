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
 * One server process (Corral or the reference ZooKeeper, per {@link Target#current()}), started in a fresh temporary
 * directory on a free loopback port, with its output captured in {@code target/it-logs/<name>-<n>.log}.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, AtomicInteger> LOG_COUNTERS = new ConcurrentHashMap<>();

    private final Target target;
    private final Process process;
    private final int port;
    private final Path dir;
    private final Path logFile;
    private final Map<String, String> config;
    private final Thread shutdownHook;

    private ServerProcess(Target target, Process process, int port, Path dir, Path logFile, Map<String, String> config) {
        this.target = target;
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.logFile = logFile;
        this.config = config;
        this.shutdownHook = new Thread(process::destroyForcibly, "it-server-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder(Class<?> testClass) {
        return new Builder(testClass.getSimpleName());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

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
        return process.isAlive();
    }

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

    /** Everything the server has written to stdout/stderr so far. */
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
        if (cmd.length() != 4) {
            throw new IllegalArgumentException("not a four-letter word: " + cmd);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(cmd.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                response.write(buf, 0, n);
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private String fourLetterOrNull(String cmd) {
        try {
            return fourLetter(cmd);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL if it does not exit) and removes its directory. */
    public void stop() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(15, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
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
        return target + " server pid " + pid() + " at " + connectString() + " (log " + logFile + ")";
    }

    private static void deleteRecursively(Path root) {
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

    static Path logDir() throws IOException {
        Path dir = Paths.get(System.getProperty("basedir", "."), "target", "it-logs");
        Files.createDirectories(dir);
        return dir;
    }

    /** Builder for the zoo.cfg keys the tests use. Unset keys are left to the server's defaults. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> cfg = new LinkedHashMap<>();
        private final List<String> extraJvmArgs = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
            cfg.put("tickTime", "2000");
            cfg.put("maxClientCnxns", "60");
            cfg.put("extendedTypesEnabled", "true");
            cfg.put("4lw.commands.whitelist", "*");
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
            Target target = Target.current();
            Path dir = Files.createTempDirectory("corral-it-" + name + "-");
            Path dataDir = dir.resolve("data");
            Files.createDirectories(dataDir);
            int port = freePort();

            Map<String, String> config = new LinkedHashMap<>(cfg);
            config.put("clientPort", Integer.toString(port));
            config.put("clientPortAddress", HOST);
            config.put("dataDir", dataDir.toString());

            Path cfgFile = dir.resolve("zoo.cfg");
            StringBuilder text = new StringBuilder();
            config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(cfgFile, text.toString(), StandardCharsets.UTF_8);

            int n = LOG_COUNTERS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            Path logFile = logDir().resolve(name + "-" + n + ".log");
            Files.deleteIfExists(logFile);

            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            if (target == Target.ZOOKEEPER) {
                Path logback = dir.resolve("logback.xml");
                Files.writeString(logback, LOGBACK_XML, StandardCharsets.UTF_8);
                command.add("-Dlogback.configurationFile=" + logback);
                command.add("-Dzookeeper.admin.enableServer=false");
                command.add("-Dzookeeper.extendedTypesEnabled=" + config.get("extendedTypesEnabled"));
                command.add("-Dzookeeper.4lw.commands.whitelist=" + config.get("4lw.commands.whitelist"));
                if (config.containsKey("znode.container.checkIntervalMs")) {
                    command.add("-Dznode.container.checkIntervalMs=" + config.get("znode.container.checkIntervalMs"));
                }
                if (config.containsKey("jute.maxbuffer")) {
                    command.add("-Djute.maxbuffer=" + config.get("jute.maxbuffer"));
                }
                command.addAll(extraJvmArgs);
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
            } else {
                command.addAll(extraJvmArgs);
                command.add("-cp");
                command.add(corralClasspath());
                command.add("io.corral.server.Main");
            }
            command.add(cfgFile.toString());

            String header = "# " + String.join(" ", command) + "\n# zoo.cfg:\n"
                    + text.toString().strip().replaceAll("(?m)^", "#   ") + "\n\n";
            Files.writeString(logFile, header, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process = pb.start();
            ServerProcess server = new ServerProcess(target, process, port, dir, logFile, config);
            try {
                await("server " + name + " answers ruok").atMost(START_TIMEOUT).pollDelay(Duration.ofMillis(50))
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("server process exited with " + process.exitValue()
                                        + " before answering ruok; log " + logFile + ":\n" + server.logText());
                            }
                            if (!"imok".equals(server.fourLetterOrNull("ruok"))) {
                                return false;
                            }
                            if (target != Target.ZOOKEEPER) {
                                return true;
                            }
                            // ZooKeeper answers imok before it serves requests; srvr says so until it does.
                            String srvr = server.fourLetterOrNull("srvr");
                            return srvr != null && !srvr.contains("not currently serving requests");
                        });
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
            return server;
        }

        private static String corralClasspath() throws IOException {
            String file = System.getProperty("corral.server.classpath.file");
            if (file == null) {
                throw new IllegalStateException("system property corral.server.classpath.file is not set");
            }
            return Files.readString(Paths.get(file), StandardCharsets.UTF_8).trim();
        }
    }

    private static final String LOGBACK_XML = "<configuration>\n"
            + "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>\n"
            + "</configuration>\n";
}
