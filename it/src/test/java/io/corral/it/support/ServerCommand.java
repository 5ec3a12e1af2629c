package io.corral.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The java command line that starts one server process, Corral or the reference ZooKeeper. */
public final class ServerCommand {
    /**
     * zoo.cfg keys that the reference server is also given as {@code -Dzookeeper.<key>}: ZooKeeper reads them as
     * system properties (some in static initialisers), so the property is the dependable way to set them.
     */
    private static final List<String> ZOOKEEPER_SYSTEM_PROPERTY_KEYS = List.of(
            "snapCount", "snapSizeLimitInKb", "preAllocSize", "forceSync", "txnLogSizeLimitInKb",
            "DigestAuthenticationProvider.superDigest", "digest.enabled");

    private static final String LOGBACK_XML = "<configuration>\n"
            + "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>\n"
            + "</configuration>\n";

    /**
     * The command for {@code as}: Corral's Main on the server's runtime class path (plus plugin jars), or the
     * reference ZooKeeper on this test JVM's class path with the system properties it needs.
     */
    static List<String> build(Target as, Map<String, String> config, Path dir, Path cfgFile,
                              List<String> extraJvmArgs, List<Path> extraClasspath) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        if (as == Target.ZOOKEEPER) {
            Path logback = dir.resolve("logback.xml");
            if (!Files.exists(logback)) {
                Files.writeString(logback, LOGBACK_XML, StandardCharsets.UTF_8);
            }
            command.add("-Dlogback.configurationFile=" + logback);
            command.add("-Dzookeeper.admin.enableServer=" + config.getOrDefault("admin.enableServer", "false"));
            if ("true".equals(config.get("admin.enableServer"))) {
                command.add("-Dzookeeper.admin.serverAddress=" + config.get("admin.serverAddress"));
                command.add("-Dzookeeper.admin.serverPort=" + config.get("admin.serverPort"));
            }
            command.add("-Dzookeeper.extendedTypesEnabled=" + config.get("extendedTypesEnabled"));
            command.add("-Dzookeeper.4lw.commands.whitelist=" + config.get("4lw.commands.whitelist"));
            if (config.containsKey("znode.container.checkIntervalMs")) {
                command.add("-Dznode.container.checkIntervalMs=" + config.get("znode.container.checkIntervalMs"));
            }
            if (config.containsKey("jute.maxbuffer")) {
                command.add("-Djute.maxbuffer=" + config.get("jute.maxbuffer"));
            }
            for (String key : ZOOKEEPER_SYSTEM_PROPERTY_KEYS) {
                if (config.containsKey(key)) {
                    command.add("-Dzookeeper." + key + "=" + config.get(key));
                }
            }
            command.addAll(extraJvmArgs);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
        } else {
            command.addAll(extraJvmArgs);
            command.add("-cp");
            StringBuilder cp = new StringBuilder(ServerProcess.corralClasspath());
            for (Path jar : extraClasspath) {
                cp.append(java.io.File.pathSeparator).append(jar);
            }
            command.add(cp.toString());
            command.add("io.corral.server.Main");
        }
        command.add(cfgFile.toString());
        return command;
    }

    /**
     * The command for one member of an ensemble (a zoo.cfg with {@code server.N} lines, a {@code myid} file in its
     * dataDir): as {@link #build}, except that the reference ZooKeeper runs its quorum peer
     * ({@code QuorumPeerMain}) instead of the standalone server; Corral's Main is the same for both.
     */
    public static List<String> buildEnsembleMember(Target as, Map<String, String> config, Path dir, Path cfgFile,
                                                   List<String> extraJvmArgs) throws IOException {
        List<String> command = build(as, config, dir, cfgFile, extraJvmArgs, List.of());
        if (as == Target.ZOOKEEPER) {
            int main = command.indexOf("org.apache.zookeeper.server.ZooKeeperServerMain");
            command.set(main, "org.apache.zookeeper.server.quorum.QuorumPeerMain");
        }
        return command;
    }

    private ServerCommand() {
    }
}
