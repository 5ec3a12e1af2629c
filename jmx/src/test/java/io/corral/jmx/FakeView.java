package io.corral.jmx;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandInfo;
import io.corral.api.management.CommandResult;
import io.corral.api.management.CommandResult.Outcome;
import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.Distribution;
import io.corral.api.management.EnsembleView;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsView;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import io.corral.api.management.ServerView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server view with fixed answers, recording what the extension asks of it. */
final class FakeView implements ServerView {
    final List<ConnectionSummary> connections = new CopyOnWriteArrayList<>();
    final List<String> actions = new CopyOnWriteArrayList<>();
    volatile Caller lastCaller;
    volatile Map<String, String> lastParams;
    volatile long packetsReceived = 42;
    /** Null for a standalone server. */
    volatile EnsembleView ensemble;
    /** The leader-only gauges, as the server registers them while it leads. */
    volatile boolean leaderGauges;

    static ConnectionSummary connection(long id, long session) {
        return new ConnectionSummary(id, "127.0.0.1", 5000 + (int) id, 1, 0, 9, 10, session, 30000, 1_700_000_000_000L,
                "GETD", 8, 4, 1_700_000_001_000L, 1, 0, 16, 87);
    }

    @Override
    public String version() {
        return "3.9.3-fake";
    }

    @Override
    public String serverState() {
        EnsembleView e = ensemble;
        if (e == null) {
            return "standalone";
        }
        return switch (e.role()) {
            case EnsembleView.LEADING -> "leader";
            case EnsembleView.FOLLOWING -> "follower";
            case EnsembleView.OBSERVING -> "observer";
            default -> "looking";
        };
    }

    @Override
    public EnsembleView ensemble() {
        return ensemble;
    }

    @Override
    public int clientPort() {
        return 2181;
    }

    @Override
    public long startTimeMs() {
        return 1_700_000_000_000L;
    }

    @Override
    public List<CommandInfo> commands() {
        return List.of(new CommandInfo("configuration", List.of("conf", "config"), false, "GET"),
                new CommandInfo("dirs", List.of(), false, "GET"),
                new CommandInfo("ruok", List.of(), false, "GET"),
                new CommandInfo("server_stats", List.of("srvr"), false, "GET"),
                new CommandInfo("snapshot", List.of("snap"), true, "GET"));
    }

    @Override
    public CommandResult run(String command, Map<String, String> parameters, Caller caller) {
        lastCaller = caller;
        lastParams = parameters;
        Map<String, Object> data = new LinkedHashMap<>();
        return switch (command) {
            case "ruok" -> new CommandResult("ruok", data, null, Outcome.OK);
            case "srvr", "server_stats" -> {
                data.put("version", version());
                data.put("node_count", 5);
                yield new CommandResult("server_stats", data, null, Outcome.OK);
            }
            case "conf", "configuration" -> {
                data.put("tick_time", 2000);
                data.put("max_client_cnxns", 60);
                data.put("min_session_timeout", 4000);
                data.put("max_session_timeout", 40000);
                yield new CommandResult("configuration", data, null, Outcome.OK);
            }
            case "dirs" -> {
                data.put("datadir_size", 478L);
                data.put("logdir_size", 479L);
                yield new CommandResult("dirs", data, null, Outcome.OK);
            }
            case "snapshot", "snap" -> {
                if (caller.authorization() == null) {
                    yield new CommandResult(command, data, "Auth info is missing for the command", Outcome.AUTH_MISSING);
                }
                if (caller.authorization().startsWith("digest bob")) {
                    yield new CommandResult(command, data, "Not authorized", Outcome.NOT_AUTHORIZED);
                }
                yield new CommandResult("snapshot", data, "disabled", Outcome.UNAVAILABLE);
            }
            case "boom" -> new CommandResult("boom", data, "it broke", Outcome.FAILED);
            default -> new CommandResult(command, data, "Unknown command: " + command, Outcome.UNKNOWN_COMMAND);
        };
    }

    @Override
    public List<ConnectionSummary> connections() {
        return new ArrayList<>(connections);
    }

    @Override
    public List<String> ephemeralPaths(long sessionId) {
        return List.of("/e1", "/e2");
    }

    @Override
    public boolean closeSession(long sessionId) {
        actions.add("closeSession 0x" + Long.toHexString(sessionId));
        return true;
    }

    @Override
    public boolean closeConnection(long connectionId) {
        actions.add("closeConnection " + connectionId);
        return true;
    }

    @Override
    public boolean resetConnectionStats(long connectionId) {
        actions.add("resetConnectionStats " + connectionId);
        return true;
    }

    @Override
    public void resetStatistics(StatisticsGroup group) {
        actions.add("reset " + group);
    }

    @Override
    public MetricsView metrics() {
        return new MetricsView() {
            @Override
            public void visit(MetricsVisitor v) {
                v.gauge(MetricId.of("avg_latency"), 1.5);
                v.gauge(MetricId.of("packets_received"), packetsReceived);
                v.gauge(MetricId.of("znode_count"), 5);
                v.gauge(MetricId.of("last_processed_zxid"), 26L);
                if (leaderGauges) {
                    v.gauge(MetricId.of("last_proposal_size"), 40);
                    v.gauge(MetricId.of("min_proposal_size"), 30);
                    v.gauge(MetricId.of("max_proposal_size"), 50);
                }
                v.counter(MetricId.of("bytes_received_count"), 366);
                v.histogram(MetricId.of("fsynctime"), new Distribution(4, 8, 0, 6, 2, 1, 1, 2, 6, 6, 6, 6));
                Distribution d = new Distribution(3, 3_000_000, 500_000, 1_500_000, 1_000_000, 0, 1_000_000,
                        1_500_000, 1_500_000, 1_500_000, 1_500_000, 1_500_000);
                v.timer(new MetricId("request_latency", Map.of("op", "create")), d, new Rates(1, 2, 3, 4));
                v.timer(new MetricId("request_latency", Map.of("op", "get\"Data")), d, new Rates(1, 2, 3, 4));
            }

            @Override
            public void visit(MetricId id, MetricsVisitor v) {
                visit(new MetricsVisitor() {
                    @Override
                    public void gauge(MetricId i, Number value) {
                        if (i.equals(id)) {
                            v.gauge(i, value);
                        }
                    }

                    @Override
                    public void counter(MetricId i, long count) {
                        if (i.equals(id)) {
                            v.counter(i, count);
                        }
                    }

                    @Override
                    public void histogram(MetricId i, Distribution values) {
                        if (i.equals(id)) {
                            v.histogram(i, values);
                        }
                    }

                    @Override
                    public void timer(MetricId i, Distribution nanos, Rates rates) {
                        if (i.equals(id)) {
                            v.timer(i, nanos, rates);
                        }
                    }
                });
            }
        };
    }
}
