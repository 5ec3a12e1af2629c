package io.corral.jmx;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandResult;
import io.corral.api.management.ServerView;
import io.corral.api.management.ServerView.StatisticsGroup;
import java.util.Date;
import java.util.Map;

/**
 * {@link ZooKeeperServerMXBean} over the server view: counters from the metric gauges, settings from conf. The role
 * beans of an ensemble member (Leader, Follower, Observer) extend it, as ZooKeeper's do.
 */
class ZooKeeperServerBean implements ZooKeeperServerMXBean {
    private final ServerView view;
    private final Map<String, String> settings;

    ZooKeeperServerBean(ServerView view, Map<String, String> settings) {
        this.view = view;
        this.settings = settings;
    }

    /** ZooKeeper's name for a standalone server's bean. */
    static String name(ServerView view) {
        return "StandaloneServer_port" + view.clientPort();
    }

    private long gauge(String name) {
        return gauge(name, 0);
    }

    /** A gauge of the server, or {@code absent} when the server has none by that name now. */
    final long gauge(String name, long absent) {
        Number n = view.metrics().gauge(name);
        return n == null ? absent : n.longValue();
    }

    private long configuration(String key, long fallback) {
        CommandResult r = view.run("configuration", Map.of(), Caller.anonymous());
        Object v = r.data().get(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    private long dirs(String key) {
        Object v = view.run("dirs", Map.of(), Caller.anonymous()).data().get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    final int setting(String key, int fallback) {
        try {
            return Integer.parseInt(settings.getOrDefault(key, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public String getClientPort() {
        return Integer.toString(view.clientPort());
    }

    @Override
    public String getVersion() {
        return view.version();
    }

    @Override
    public String getStartTime() {
        return new Date(view.startTimeMs()).toString();
    }

    @Override
    public long getMinRequestLatency() {
        return gauge("min_latency");
    }

    @Override
    public double getAvgRequestLatency() {
        Number n = view.metrics().gauge("avg_latency");
        return n == null ? 0.0 : n.doubleValue();
    }

    @Override
    public long getMaxRequestLatency() {
        return gauge("max_latency");
    }

    @Override
    public long getPacketsReceived() {
        return gauge("packets_received");
    }

    @Override
    public long getPacketsSent() {
        return gauge("packets_sent");
    }

    @Override
    public long getFsyncThresholdExceedCount() {
        return 0;
    }

    @Override
    public long getAuthFailedCount() {
        return gauge("auth_failed_count");
    }

    @Override
    public long getNonMTLSLocalConnCount() {
        return gauge("non_mtls_local_conn_count");
    }

    @Override
    public long getNonMTLSRemoteConnCount() {
        return gauge("non_mtls_remote_conn_count");
    }

    @Override
    public long getOutstandingRequests() {
        return gauge("outstanding_requests");
    }

    @Override
    public int getTickTime() {
        return (int) configuration("tick_time", setting("tickTime", 3000));
    }

    @Override
    public int getMaxClientCnxnsPerHost() {
        return (int) configuration("max_client_cnxns", setting("maxClientCnxns", 60));
    }

    @Override
    public int getMinSessionTimeout() {
        return (int) configuration("min_session_timeout", -1);
    }

    @Override
    public int getMaxSessionTimeout() {
        return (int) configuration("max_session_timeout", -1);
    }

    @Override
    public long getNumAliveConnections() {
        return gauge("num_alive_connections");
    }

    @Override
    public long getDataDirSize() {
        return dirs("datadir_size");
    }

    @Override
    public long getLogDirSize() {
        return dirs("logdir_size");
    }

    @Override
    public String getSecureClientPort() {
        return settings.getOrDefault("secureClientPort", "").trim();
    }

    @Override
    public String getSecureClientAddress() {
        return settings.getOrDefault("secureClientPortAddress", "").trim();
    }

    @Override
    public long getTxnLogElapsedSyncTime() {
        return gauge("last_fsync_time_ms");
    }

    @Override
    public int getJuteMaxBufferSize() {
        return setting("jute.maxbuffer", 0xfffff);
    }

    @Override
    public int getLastClientResponseSize() {
        return (int) gauge("last_client_response_size");
    }

    @Override
    public int getMinClientResponseSize() {
        return (int) gauge("min_client_response_size");
    }

    @Override
    public int getMaxClientResponseSize() {
        return (int) gauge("max_client_response_size");
    }

    @Override
    public int getMaxCnxns() {
        return setting("maxCnxns", 0);
    }

    @Override
    public void resetStatistics() {
        view.resetStatistics(StatisticsGroup.ALL);
    }

    @Override
    public void resetLatency() {
        view.resetStatistics(StatisticsGroup.LATENCY);
    }

    @Override
    public void resetMaxLatency() {
        view.resetStatistics(StatisticsGroup.MAX_LATENCY);
    }

    @Override
    public void resetFsyncThresholdExceedCount() {
        // Corral has no fsync warning threshold; the count is always 0.
    }

    @Override
    public void resetNonMTLSConnCount() {
        // Corral does not count non-mTLS connections; the counts are always 0.
    }

    @Override
    public void resetAuthFailedCount() {
        view.resetStatistics(StatisticsGroup.AUTH_FAILED);
    }
}
