package io.corral.server;

import io.corral.server.config.ConfigException;
import io.corral.server.config.ConfigLoader;
import io.corral.server.config.ServerConfig;
import io.corral.server.time.SystemClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java io.corral.server.Main <zoo.cfg>}: starts a standalone server and runs until the JVM is told to
 * stop. Exit code 2 for a configuration the server cannot start with, 1 for any other start-up failure.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: java io.corral.server.Main <path to zoo.cfg>");
            System.exit(2);
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(Path.of(args[0]), systemProperties());
            prepareDirectory(config.dataDir(), "dataDir");
            prepareDirectory(config.dataLogDir(), "dataLogDir");
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        Server server = new Server(config, SystemClock.INSTANCE);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            System.err.println("Corral could not start: " + e.getMessage());
            LOG.error("Corral could not start", e);
            server.stop();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "corral-shutdown"));
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> out = new HashMap<>();
        System.getProperties().forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static void prepareDirectory(Path dir, String key) throws ConfigException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("Cannot create " + key + " '" + dir + "': " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("Invalid value '" + dir + "' for " + key + ": the directory is not writable by this user");
        }
    }
}
