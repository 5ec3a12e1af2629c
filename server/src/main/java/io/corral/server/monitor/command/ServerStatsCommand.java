package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asList;
import static io.corral.server.monitor.command.Values.asLong;
import static io.corral.server.monitor.command.Values.asMap;

import io.corral.api.management.ConnectionSummary;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import io.corral.server.monitor.ServerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * srvr (server_stats) and stat (stats): version, the server's counters and the node count; stat adds one line
 * per client connection. The text is ZooKeeper's, line for line.
 */
final class ServerStatsCommand extends Command {
    private final boolean withConnections;

    ServerStatsCommand(boolean withConnections) {
        super(withConnections ? "stats" : "server_stats", withConnections ? "stat" : "srvr");
        this.withConnections = withConnections;
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
        int nodeCount = ctx.counts().nodeCount();
        ServerStats s = ctx.stats();
        Map<String, Object> responseSizes = new LinkedHashMap<>();
        responseSizes.put("last_buffer_size", s.lastResponseSize());
        responseSizes.put("min_buffer_size", s.minResponseSize());
        responseSizes.put("max_buffer_size", s.maxResponseSize());

        List<ConnectionSummary> connections = ctx.connections();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("packets_sent", s.packetsSent());
        stats.put("packets_received", s.packetsReceived());
        stats.put("fsync_threshold_exceed_count", 0L);
        stats.put("client_response_stats", responseSizes);
        stats.put("provider_null", false);
        stats.put("data_dir_size", ctx.dataDirSize());
        stats.put("log_dir_size", ctx.logDirSize());
        stats.put("last_processed_zxid", ctx.lastZxid());
        stats.put("outstanding_requests", s.outstanding());
        stats.put("server_state", ctx.serverState());
        stats.put("avg_latency", s.avgLatencyMs());
        stats.put("max_latency", s.maxLatencyMs());
        stats.put("min_latency", s.minLatencyMs());
        stats.put("num_alive_client_connections", connections.size());
        stats.put("uptime", ctx.uptimeMs());
        stats.put("auth_failed_count", s.authFailedCount());
        // ZooKeeper's spelling (Jackson's snake case of getNonMTLSRemoteConnCount), kept for its consumers.
        stats.put("non_mtlsremote_conn_count", 0L);
        stats.put("non_mtlslocal_conn_count", 0L);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", ctx.version());
        data.put("read_only", ctx.isReadOnly());
        data.put("server_stats", stats);
        data.put("client_response", new LinkedHashMap<>(responseSizes));
        data.put("node_count", nodeCount);
        if (withConnections) {
            List<Object> list = new ArrayList<>();
            for (ConnectionSummary c : connections) {
                list.add(ConnectionMaps.of(c, true));
            }
            data.put("connections", list);
            data.put("secure_connections", List.of());
        }
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        Map<String, Object> s = asMap(data.get("server_stats"));
        StringBuilder b = new StringBuilder(512);
        b.append("Zookeeper version: ").append(data.get("version")).append('\n');
        if (Boolean.TRUE.equals(data.get("read_only"))) {
            b.append("READ-ONLY mode; serving only read-only clients\n");
        }
        if (withConnections) {
            b.append("Clients:\n");
            for (Object c : asList(data.get("connections"))) {
                b.append(ConnectionMaps.line(asMap(c))).append('\n');
            }
            b.append('\n');
        }
        b.append("Latency min/avg/max: ").append(asLong(s.get("min_latency"))).append('/')
                .append(s.get("avg_latency")).append('/').append(asLong(s.get("max_latency"))).append('\n');
        b.append("Received: ").append(asLong(s.get("packets_received"))).append('\n');
        b.append("Sent: ").append(asLong(s.get("packets_sent"))).append('\n');
        b.append("Connections: ").append(asLong(s.get("num_alive_client_connections"))).append('\n');
        b.append("Outstanding: ").append(asLong(s.get("outstanding_requests"))).append('\n');
        b.append("Zxid: 0x").append(Long.toHexString(asLong(s.get("last_processed_zxid")))).append('\n');
        b.append("Mode: ").append(s.get("server_state")).append('\n');
        b.append("Node count: ").append(asLong(data.get("node_count"))).append('\n');
        return b.toString();
    }
}
