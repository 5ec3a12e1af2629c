package io.corral.server.config;

import java.util.List;
import java.util.Set;

/**
 * The zoo.cfg keys Corral knows: the ones it reads today and the ones of Apache ZooKeeper's configuration
 * that later parts of Corral read (replication, storage, management), so that a zoo.cfg written for
 * ZooKeeper starts without a wall of warnings.
 */
final class KnownKeys {
    private KnownKeys() {
    }

    /** System properties that ZooKeeper reads without the {@code zookeeper.} prefix. */
    static final List<String> UNPREFIXED_SYSTEM_PROPERTIES = List.of(
            "jute.maxbuffer", "znode.container.checkIntervalMs", "znode.container.maxPerMinute",
            "znode.container.maxNeverUsedIntervalMs", "readonlymode.enabled");

    private static final Set<String> EXACT = Set.of(
            "tickTime", "clientPort", "clientPortAddress", "dataDir", "dataLogDir", "maxClientCnxns",
            "minSessionTimeout", "maxSessionTimeout", "jute.maxbuffer", "extendedTypesEnabled",
            "znode.container.checkIntervalMs", "znode.container.maxPerMinute",
            "znode.container.maxNeverUsedIntervalMs", "4lw.commands.whitelist", "persistence.provider",
            "maxOutstandingPerConnection", "DigestAuthenticationProvider.superDigest", "snapCount",
            "autopurge.snapRetainCount", "autopurge.purgeInterval",
            // Read by the storage, replication, ACL and management parts as they land.
            "snapSizeLimitInKb", "preAllocSize", "forceSync", "txnLogSizeLimitInKb", "initLimit", "syncLimit", "electionAlg",
            "election.strategy", "peerType", "standaloneEnabled", "reconfigEnabled", "secureClientPort",
            "secureClientPortAddress", "clientPortListenBacklog", "globalOutstandingLimit", "admin.enableServer",
            "admin.serverAddress", "admin.serverPort", "admin.commandURL", "admin.idleTimeout", "metricsProvider.className",
            "enforceAuthEnabled", "enforceAuthSchemes", "serverCnxnFactory", "sslQuorum", "portUnification",
            "quorumListenOnAllIPs", "dynamicConfigFile", "skipACL", "digest.enabled", "snapshot.trust.empty",
            // TLS and authentication (SecurityConfigParser and the auth-plugins read these).
            "client.certReload", "enforce.auth.enabled", "enforce.auth.schemes",
            // Replication: committed proposals kept in memory for DIFF syncs (ZooKeeper's zookeeper.commitLogCount).
            "commitLogCount",
            // The file backend: snapshots written with direct I/O (a Corral key).
            "snapshot.directWrite");

    private static final List<String> PREFIXES = List.of(
            "server.", "group.", "weight.", "authProvider.", "ssl.", "admin.", "autopurge.", "metricsProvider.",
            "quorum.", "zookeeper.", "election.", "DigestAuthenticationProvider.", "X509AuthenticationProvider.",
            "IPAuthenticationProvider.");

    static boolean isKnown(String key) {
        if (EXACT.contains(key)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
