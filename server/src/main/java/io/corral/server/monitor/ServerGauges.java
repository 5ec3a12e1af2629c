package io.corral.server.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Registers the server's gauges under ZooKeeper's mntr names, plus Corral's queue depths. Every gauge reads a
 * thread-safe value: counters, the concurrent connection and session tables, or the node and watch counts the
 * pipeline refreshes once a second (and on every mntr/srvr).
 */
public final class ServerGauges {
    private ServerGauges() {
    }

    public static void register(ServerMetrics m, MonitorContext ctx) {
        ServerStats s = ctx.stats();
        m.gauge("avg_latency", s::avgLatencyMs);
        m.gauge("max_latency", s::maxLatencyMs);
        m.gauge("min_latency", s::minLatencyMs);
        m.gauge("packets_received", s::packetsReceived);
        m.gauge("packets_sent", s::packetsSent);
        m.gauge("num_alive_connections", () -> ctx.connectionSource().connectionCount());
        m.gauge("outstanding_requests", s::outstanding);
        m.gauge("uptime", ctx::uptimeMs);
        m.gauge("znode_count", () -> ctx.cachedCounts().nodeCount());
        m.gauge("watch_count", () -> ctx.cachedCounts().watchCount());
        m.gauge("ephemerals_count", () -> ctx.cachedCounts().ephemerals());
        m.gauge("approximate_data_size", () -> ctx.cachedCounts().approximateDataSize());
        m.gauge("global_sessions", ctx::sessionCount);
        m.gauge("local_sessions", () -> 0);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            m.gauge("open_file_descriptor_count", unix::getOpenFileDescriptorCount);
            m.gauge("max_file_descriptor_count", unix::getMaxFileDescriptorCount);
        }
        m.gauge("connection_drop_probability", () -> 0.0);
        m.gauge("last_client_response_size", s::lastResponseSize);
        m.gauge("max_client_response_size", s::maxResponseSize);
        m.gauge("min_client_response_size", s::minResponseSize);
        m.gauge("outstanding_tls_handshake", () -> 0);
        m.gauge("auth_failed_count", s::authFailedCount);
        m.gauge("non_mtls_remote_conn_count", () -> 0L);
        m.gauge("non_mtls_local_conn_count", () -> 0L);
        // Corral's own: events waiting for the pipeline thread, transactions waiting for the log thread.
        m.gauge("pipeline_queue_depth", ctx::pipelineQueueDepth);
        m.gauge("log_queue_depth", ctx::logQueueDepth);
        m.gauge("last_fsync_time_ms", ctx::lastCommitMs);
        m.gauge("last_processed_zxid", ctx::lastZxid);
    }
}
