package io.corral.client.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Apache ZooKeeper 3.9.3's standalone server in a child JVM, on a free loopback port with a temporary data directory:
 * the reference the client must work against. One instance serves the whole test run (started by the first test
 * class that asks, stopped through its Process handle when the run ends). tickTime is 500 ms so that session
 * timeouts may be as short as 1 s; TTL nodes are enabled.
 */
public final class ReferenceServer implements ExtensionContext.Store.CloseableResource {
    public static final String HOST = "127.0.0.1";
    public static final int TICK_TIME_MS = 500;

    private final Process process;
    private final int port;
    private final Path dir;

    private ReferenceServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The server shared by the test run. */
    public static ReferenceServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ReferenceServer.class, k -> start(), ReferenceServer.class);
    }

    public String connectString() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    static ReferenceServer start() {
        try {
            Path dir = Files.createTempDirectory("corral-client-zk");
            int port = freePort();
            Path cfg = dir.resolve("zoo.cfg");
            Files.writeString(cfg, String.join("\n",
                    "tickTime=" + TICK_TIME_MS,
                    "dataDir=" + dir.resolve("data"),
                    "clientPort=" + port,
                    "clientPortAddress=" + HOST,
                    "admin.enableServer=false",
                    "maxClientCnxns=0",
                    // The tests need no durability; fsync per write would dominate their run time.
                    "forceSync=no",
                    ""), StandardCharsets.UTF_8);
            Path log = Paths.get("target", "reference-server.log");
            Process process = new ProcessBuilder(
                    javaExecutable(), "-Xmx256m",
                    "-Dzookeeper.extendedTypesEnabled=true",
                    "-cp", testClasspath(),
                    "org.apache.zookeeper.server.ZooKeeperServerMain", cfg.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ReferenceServer server = new ReferenceServer(process, port, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            await("the reference server to listen on " + port + " (log: " + log.toAbsolutePath() + ")")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("reference server exited with " + process.exitValue()
                                    + "; see " + log.toAbsolutePath());
                        }
                        return accepts(port);
                    });
            // Listening is not serving: the server accepts connections before its database is loaded. A short
            // session timeout keeps each handshake attempt short, so the probe retries until the server answers.
            io.corral.client.ClientConfig probeConfig = io.corral.client.ClientConfig.defaults()
                    .withSessionTimeoutMs(2_000)
                    .withReconnectDelayMaxMs(20);
            try (io.corral.client.ZkClient probe =
                         new io.corral.client.ZkClient(server.connectString(), probeConfig, null)) {
                if (!probe.awaitConnected(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("reference server accepts no session; see " + log.toAbsolutePath());
                }
            }
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reference server", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference ZooKeeper server", e);
        }
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test classpath as Maven resolved it (written by the dependency plugin), plus the module's classes. */
    static String testClasspath() throws IOException {
        String file = System.getProperty("corral.client.test.classpath.file");
        if (file == null) {
            throw new IllegalStateException("system property corral.client.test.classpath.file is not set; "
                    + "run the tests through Maven (mvn -pl client test)");
        }
        String deps = Files.readString(Paths.get(file), StandardCharsets.UTF_8).trim();
        return System.getProperty("corral.client.classes.dir") + java.io.File.pathSeparator + deps;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A temp directory left behind is not worth failing the run for.
        }
    }
}
