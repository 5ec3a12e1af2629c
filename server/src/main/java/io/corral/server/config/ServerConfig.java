package io.corral.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Every setting the server runs with, read once at start-up by {@link ConfigLoader}. Nothing else in the
 * server reads files or system properties for configuration.
 *
 * @param quorum   the ensemble, or null for a standalone server
 * @param tls      the secure client port (disabled unless {@code secureClientPort} is set)
 * @param auth     authentication enforcement and the extra ACL schemes named in zoo.cfg
 * @param settings every key of zoo.cfg and every {@code zookeeper.*} system property (prefix removed), for
 *                 plugins that read options of their own
 */
public record ServerConfig(
        int tickTimeMs,
        int clientPort,
        String clientPortAddress,
        Path dataDir,
        Path dataLogDir,
        int maxClientCnxns,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int juteMaxBuffer,
        boolean extendedTypesEnabled,
        long containerCheckIntervalMs,
        int containerMaxPerMinute,
        long containerMaxNeverUsedIntervalMs,
        Set<String> fourLetterWordWhitelist,
        String persistenceProvider,
        int maxOutstandingPerConnection,
        int snapCount,
        int snapRetainCount,
        int purgeIntervalHours,
        QuorumConfig quorum,
        TlsConfig tls,
        AuthConfig auth,
        Map<String, String> settings) {

    public ServerConfig {
        fourLetterWordWhitelist = Set.copyOf(fourLetterWordWhitelist);
        settings = Map.copyOf(settings);
    }

    /** A session timeout clamped into [minSessionTimeout, maxSessionTimeout], as the handshake negotiates it. */
    public int negotiateSessionTimeout(int requestedMs) {
        return Math.max(minSessionTimeoutMs, Math.min(maxSessionTimeoutMs, requestedMs));
    }

    public boolean isStandalone() {
        return quorum == null;
    }

    public boolean fourLetterWordAllowed(String command) {
        return fourLetterWordWhitelist.contains("*") || fourLetterWordWhitelist.contains(command);
    }
}
