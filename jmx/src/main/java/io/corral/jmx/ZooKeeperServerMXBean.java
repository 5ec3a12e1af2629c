package io.corral.jmx;

/**
 * The server bean, under ZooKeeper's object name ({@code org.apache.ZooKeeperService:name0=StandaloneServer_port<port>})
 * with the attribute and operation names of ZooKeeper's ZooKeeperServerMXBean, so that JConsole, VisualVM and JMX
 * exporter rules written for ZooKeeper read it unchanged. Attributes ZooKeeper lets you set (tickTime, session
 * timeouts, ...) are read-only here: Corral's settings are fixed at start-up. Tunables of ZooKeeper's internals
 * that Corral does not have (response caching, connection throttling, commit processor batches, large-request
 * limits) are left out.
 */
public interface ZooKeeperServerMXBean {
    String getClientPort();

    String getVersion();

    String getStartTime();

    long getMinRequestLatency();

    double getAvgRequestLatency();

    long getMaxRequestLatency();

    long getPacketsReceived();

    long getPacketsSent();

    long getFsyncThresholdExceedCount();

    long getAuthFailedCount();

    long getNonMTLSLocalConnCount();

    long getNonMTLSRemoteConnCount();

    long getOutstandingRequests();

    int getTickTime();

    int getMaxClientCnxnsPerHost();

    int getMinSessionTimeout();

    int getMaxSessionTimeout();

    long getNumAliveConnections();

    long getDataDirSize();

    long getLogDirSize();

    String getSecureClientPort();

    String getSecureClientAddress();

    long getTxnLogElapsedSyncTime();

    int getJuteMaxBufferSize();

    int getLastClientResponseSize();

    int getMinClientResponseSize();

    int getMaxClientResponseSize();

    int getMaxCnxns();

    void resetStatistics();

    void resetLatency();

    void resetMaxLatency();

    void resetFsyncThresholdExceedCount();

    void resetNonMTLSConnCount();

    void resetAuthFailedCount();
}
