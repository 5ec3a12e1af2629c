package io.corral.server.monitor.command;

import io.corral.api.management.Distribution;
import io.corral.api.management.EnsembleView;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsVisitor;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import io.corral.server.monitor.RegistryMetricsView;
import io.corral.server.monitor.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * mntr (monitor): {@code version} and {@code server_state} first (on an ensemble member, {@code peer_state} next,
 * and {@code observer_master_id} on an observer), then every gauge, counter and summary of the
 * metric registry under ZooKeeper's names (ZooKeeper's server gauges in its order, then the rest by name).
 * The text is {@code zk_<key>TAB<value>} per line; integers print as integers, other numbers as Java doubles.
 * Per-opcode timers are left to JMX and the Prometheus endpoint, as ZooKeeper's mntr has no such keys.
 */
final class MonitorCommand extends Command {
    /** ZooKeeper's server gauges, in the order it registers them. */
    static final List<String> SERVER_GAUGES = List.of(
            "avg_latency", "max_latency", "min_latency", "packets_received", "packets_sent", "num_alive_connections",
            "outstanding_requests", "uptime", "znode_count", "watch_count", "ephemerals_count", "approximate_data_size",
            "global_sessions", "local_sessions", "open_file_descriptor_count", "max_file_descriptor_count",
            "connection_drop_probability", "last_client_response_size", "max_client_response_size",
            "min_client_response_size", "outstanding_tls_handshake", "auth_failed_count", "non_mtls_remote_conn_count",
            "non_mtls_local_conn_count");

    MonitorCommand() {
        super("monitor", "mntr");
    }

    @Override
    public boolean needsServing() {
        return false;
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        if (ctx.isServing()) {
            try {
                ctx.counts(); // the node and watch gauges read what this refresh finds
            } catch (CommandFailure e) {
                // the gauges keep the last counts the pipeline gave
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", ctx.version());
        data.put("server_state", ctx.serverState());
        data.putAll(ensembleValues(ctx.ensemble()));
        Map<String, Number> gauges = new LinkedHashMap<>();
        Map<String, Object> rest = new TreeMap<>();
        Map<String, Object> summaries = new LinkedHashMap<>();
        new RegistryMetricsView(ctx.stats().metrics().registry()).visit(new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number value) {
                if (id.tags().isEmpty()) {
                    gauges.put(id.name(), value);
                }
            }

            @Override
            public void counter(MetricId id, long count) {
                if (id.tags().isEmpty()) {
                    rest.put(id.name(), count);
                }
            }

            @Override
            public void histogram(MetricId id, Distribution d) {
                if (!id.tags().isEmpty()) {
                    return;
                }
                String m = id.name();
                summaries.put("avg_" + m, d.count() == 0 ? 0.0 : Math.round(d.sum() * 10_000.0 / d.count()) / 10_000.0);
                summaries.put("min_" + m, Math.round(d.min()));
                summaries.put("max_" + m, Math.round(d.max()));
                summaries.put("cnt_" + m, d.count());
                summaries.put("sum_" + m, Math.round(d.sum()));
                if (withPercentiles(ctx, m)) {
                    summaries.put("p50_" + m, Math.round(d.p50()));
                    summaries.put("p95_" + m, Math.round(d.p95()));
                    summaries.put("p99_" + m, Math.round(d.p99()));
                    summaries.put("p999_" + m, Math.round(d.p999()));
                }
            }
        });
        for (String name : SERVER_GAUGES) {
            Number v = gauges.remove(name);
            if (v != null) {
                data.put(name, v);
            }
        }
        rest.putAll(gauges);
        data.putAll(rest);
        data.putAll(summaries);
        return data;
    }

    /**
     * What ZooKeeper's quorum servers add after server_state: the detailed peer state and, on an observer, the
     * server it learns from (the leader: Corral has no observer masters). The ensemble gauges (learners,
     * synced_followers, quorum_size, ...) are metrics and come with the others.
     */
    static Map<String, Object> ensembleValues(EnsembleView e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e != null) {
            data.put("peer_state", e.peerState());
            if (EnsembleView.OBSERVING.equals(e.role())) {
                data.put("observer_master_id", e.leaderId());
            }
        }
        return data;
    }

    private static boolean withPercentiles(MonitorContext ctx, String name) {
        return ctx.stats().metrics().registry().getMetrics().get(name) instanceof Summary s && s.percentiles();
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        StringBuilder b = new StringBuilder(4096);
        data.forEach((k, v) -> b.append("zk_").append(k).append('\t').append(format(v)).append('\n'));
        return b.toString();
    }

    /** ZooKeeper's rule: Long and Integer as integers, any other number as a double, the rest as text. */
    static String format(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Number n) {
            return Double.toString(n.doubleValue());
        }
        return String.valueOf(v);
    }
}
