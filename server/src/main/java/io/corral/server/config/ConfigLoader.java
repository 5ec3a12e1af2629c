package io.corral.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads zoo.cfg and the system properties ZooKeeper users pass today into one {@link ServerConfig}.
 *
 * <p>For a key {@code k}, the value in zoo.cfg wins; else the system property {@code zookeeper.k}; else the
 * system property {@code k} itself (ZooKeeper reads {@code jute.maxbuffer} and {@code znode.container.*} without
 * the prefix); else the default. A key nobody reads is a warning, not an error, so that a zoo.cfg written for
 * Apache ZooKeeper starts as it is.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String SYSPROP_PREFIX = "zookeeper.";

    private final Map<String, String> values;
    private final String source;

    private ConfigLoader(Map<String, String> values, String source) {
        this.values = values;
        this.source = source;
    }

    /** Reads {@code cfgFile}, with {@code systemProperties} filling what the file leaves out. */
    public static ServerConfig load(Path cfgFile, Map<String, String> systemProperties) throws ConfigException {
        Map<String, String> fileValues = readFile(cfgFile);
        warnUnknownKeys(fileValues.keySet(), cfgFile);
        return fromValues(fileValues, systemProperties, cfgFile.toString());
    }

    /** Builds a config from key/value pairs as they would appear in zoo.cfg (for tests and embedding). */
    public static ServerConfig fromValues(Map<String, String> fileValues, Map<String, String> systemProperties,
                                          String source) throws ConfigException {
        Map<String, String> merged = new TreeMap<>();
        systemProperties.forEach((k, v) -> {
            if (k.startsWith(SYSPROP_PREFIX)) {
                merged.put(k.substring(SYSPROP_PREFIX.length()), v);
            }
        });
        for (String plain : KnownKeys.UNPREFIXED_SYSTEM_PROPERTIES) {
            if (!merged.containsKey(plain) && systemProperties.containsKey(plain)) {
                merged.put(plain, systemProperties.get(plain));
            }
        }
        fileValues.forEach((k, v) -> merged.put(k, v.trim()));
        return new ConfigLoader(merged, source).build();
    }

    private static Map<String, String> readFile(Path cfgFile) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cfgFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + cfgFile + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    private static void warnUnknownKeys(Set<String> keys, Path cfgFile) {
        for (String key : keys) {
            if (!KnownKeys.isKnown(key)) {
                LOG.warn("Unknown key '{}' in {} is ignored by Corral (plugins may still read it)", key, cfgFile);
            }
        }
    }

    private ServerConfig build() throws ConfigException {
        int tickTime = positiveInt("tickTime", 3000);
        int minTimeout = intValue("minSessionTimeout", -1);
        int maxTimeout = intValue("maxSessionTimeout", -1);
        minTimeout = minTimeout == -1 ? 2 * tickTime : minTimeout;
        maxTimeout = maxTimeout == -1 ? 20 * tickTime : maxTimeout;
        if (minTimeout <= 0) {
            throw invalid("minSessionTimeout", values.get("minSessionTimeout"), "a positive number of milliseconds, or -1 for 2 x tickTime");
        }
        if (maxTimeout < minTimeout) {
            throw new ConfigException("Invalid session timeouts in " + source + ": maxSessionTimeout (" + maxTimeout
                    + ") must not be below minSessionTimeout (" + minTimeout + ")");
        }
        String dataDirText = values.get("dataDir");
        if (dataDirText == null || dataDirText.isEmpty()) {
            throw new ConfigException("Missing key 'dataDir' in " + source + ": expected the directory where the server keeps its data");
        }
        Path dataDir = Path.of(dataDirText);
        String logDirText = values.get("dataLogDir");
        Path dataLogDir = logDirText == null || logDirText.isEmpty() ? dataDir : Path.of(logDirText);
        QuorumConfig quorum = new QuorumConfigParser(values, source).parse(dataDir);
        int clientPort = port("clientPort", 2181);
        String clientPortAddress = emptyToNull(values.get("clientPortAddress"));
        QuorumConfig.Member self = quorum == null ? null : quorum.self();
        if (!values.containsKey("clientPort") && self != null && self.clientAddress() != null) {
            // ZooKeeper 3.5's form: the client port at the end of this server's own server.N line.
            clientPort = self.clientAddress().getPort();
            java.net.InetAddress a = self.clientAddress().getAddress();
            if (clientPortAddress == null && (a == null || !a.isAnyLocalAddress())) {
                clientPortAddress = self.clientAddress().getHostString();
            }
        }
        return new ServerConfig(
                tickTime,
                clientPort,
                clientPortAddress,
                dataDir,
                dataLogDir,
                nonNegativeInt("maxClientCnxns", 60),
                minTimeout,
                maxTimeout,
                positiveInt("jute.maxbuffer", 0xfffff),
                bool("extendedTypesEnabled", false),
                positiveLong("znode.container.checkIntervalMs", 60_000),
                positiveInt("znode.container.maxPerMinute", 10_000),
                nonNegativeLong("znode.container.maxNeverUsedIntervalMs", 0),
                whitelist(),
                values.getOrDefault("persistence.provider", "file"),
                positiveInt("maxOutstandingPerConnection", 1000),
                raisedTo("snapCount", 100_000, 2),
                raisedTo("autopurge.snapRetainCount", 3, 3),
                nonNegativeInt("autopurge.purgeInterval", 0),
                quorum,
                new SecurityConfigParser(values, source).tls(),
                new SecurityConfigParser(values, source).auth(),
                values);
    }

    private Set<String> whitelist() {
        String text = values.getOrDefault("4lw.commands.whitelist", "srvr");
        Set<String> out = new LinkedHashSet<>();
        for (String s : text.split(",")) {
            String cmd = s.trim().toLowerCase(Locale.ROOT);
            if (!cmd.isEmpty()) {
                out.add(cmd);
            }
        }
        out.add("srvr"); // ZooKeeper always allows srvr, whatever the list says.
        return out;
    }

    private ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid value '" + value + "' for " + key + " in " + source + ": expected " + expected);
    }

    private int intValue(String key, int defaultValue) throws ConfigException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    private long longValue(String key, long defaultValue, String expected) throws ConfigException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, expected);
        }
    }

    private int positiveInt(String key, int defaultValue) throws ConfigException {
        int v = intOrFail(key, defaultValue, "a positive integer");
        if (v <= 0) {
            throw invalid(key, values.get(key), "a positive integer");
        }
        return v;
    }

    /** ZooKeeper raises these to their minimum with a warning rather than refusing to start; so do we. */
    private int raisedTo(String key, int defaultValue, int min) throws ConfigException {
        int v = intOrFail(key, defaultValue, "an integer");
        if (v < min) {
            LOG.warn("{}={} in {} is below the minimum {}; using {}", key, v, source, min, min);
            return min;
        }
        return v;
    }

    private int nonNegativeInt(String key, int defaultValue) throws ConfigException {
        int v = intOrFail(key, defaultValue, "an integer >= 0 (0 means no limit)");
        if (v < 0) {
            throw invalid(key, values.get(key), "an integer >= 0 (0 means no limit)");
        }
        return v;
    }

    private int intOrFail(String key, int defaultValue, String expected) throws ConfigException {
        long v = longValue(key, defaultValue, expected);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw invalid(key, values.get(key), expected + " that fits in 32 bits");
        }
        return (int) v;
    }

    private long positiveLong(String key, long defaultValue) throws ConfigException {
        long v = longValue(key, defaultValue, "a positive integer (milliseconds)");
        if (v <= 0) {
            throw invalid(key, values.get(key), "a positive integer (milliseconds)");
        }
        return v;
    }

    private long nonNegativeLong(String key, long defaultValue) throws ConfigException {
        long v = longValue(key, defaultValue, "an integer >= 0 (milliseconds)");
        if (v < 0) {
            throw invalid(key, values.get(key), "an integer >= 0 (milliseconds)");
        }
        return v;
    }

    private int port(String key, int defaultValue) throws ConfigException {
        int v = intOrFail(key, defaultValue, "a TCP port from 0 to 65535");
        if (v < 0 || v > 65535) {
            throw invalid(key, values.get(key), "a TCP port from 0 to 65535");
        }
        return v;
    }

    private boolean bool(String key, boolean defaultValue) throws ConfigException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> {
                return true;
            }
            case "false", "no" -> {
                return false;
            }
            default -> throw invalid(key, v, "true or false");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
