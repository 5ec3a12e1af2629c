package io.corral.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which figures the comparison table shows, in which order, and how each is scaled and printed. */
final class ReportRows {

    /**
     * One line of the table: result key {@code key} of {@code workload}, divided by {@code divisor}; {@code write}
     * flags a figure that is a write inside a workload that otherwise is not.
     */
    record Row(String workload, String label, String key, double divisor, int decimals, boolean write) {

        Row(String workload, String label, String key, double divisor, int decimals) {
            this(workload, label, key, divisor, decimals, false);
        }

        /** The scaled value, or null if the result lacks it or holds the "no sample" marker (negative). */
        Double value(Map<String, Object> result) {
            if (result == null || !(result.get(key) instanceof Double)) {
                return null;
            }
            double raw = (Double) result.get(key);
            return raw < 0 ? null : raw / divisor;
        }

        String format(double value) {
            return decimals == 0 ? String.format(Locale.ROOT, "%,d", Math.round(value))
                    : String.format(Locale.ROOT, "%,." + decimals + "f", value);
        }
    }

    /**
     * Workloads that write: ZooKeeper fsyncs every transaction to its log before answering, while Corral keeps
     * everything in memory until durable storage lands, so these figures do not compare like with like yet.
     * Session create/close and ephemeral cleanup write too (session transactions).
     */
    static final Set<String> WRITES = Set.of("create", "delete", "set", "mixed", "session", "ephemeral",
            "ensemble-create", "ensemble-set", "ensemble-mixed");

    static final List<Row> ROWS = List.of(
            new Row("create", "ops/s", "ops_per_s", 1, 0),
            new Row("create", "p50 µs", "p50_us", 1, 0),
            new Row("create", "p99 µs", "p99_us", 1, 0),
            new Row("create", "p999 µs", "p999_us", 1, 0),
            new Row("delete", "ops/s", "ops_per_s", 1, 0),
            new Row("delete", "p50 µs", "p50_us", 1, 0),
            new Row("delete", "p99 µs", "p99_us", 1, 0),
            new Row("delete", "p999 µs", "p999_us", 1, 0),
            new Row("set", "ops/s", "ops_per_s", 1, 0),
            new Row("set", "p50 µs", "p50_us", 1, 0),
            new Row("set", "p99 µs", "p99_us", 1, 0),
            new Row("set", "p999 µs", "p999_us", 1, 0),
            new Row("get", "ops/s", "ops_per_s", 1, 0),
            new Row("get", "p50 µs", "p50_us", 1, 0),
            new Row("get", "p99 µs", "p99_us", 1, 0),
            new Row("get", "p999 µs", "p999_us", 1, 0),
            new Row("exists", "ops/s", "ops_per_s", 1, 0),
            new Row("exists", "p50 µs", "p50_us", 1, 0),
            new Row("exists", "p99 µs", "p99_us", 1, 0),
            new Row("exists", "p999 µs", "p999_us", 1, 0),
            new Row("mixed", "ops/s", "ops_per_s", 1, 0),
            new Row("mixed", "p50 µs", "p50_us", 1, 0),
            new Row("mixed", "p99 µs", "p99_us", 1, 0),
            new Row("mixed", "p999 µs", "p999_us", 1, 0),
            new Row("watch", "events/s", "ops_per_s", 1, 0),
            new Row("watch", "p50 µs ack→event ²", "p50_us", 1, 0),
            new Row("watch", "p99 µs ack→event ²", "p99_us", 1, 0),
            new Row("watch", "p999 µs ack→event ²", "p999_us", 1, 0),
            new Row("watch", "p50 µs send→event", "send_p50_us", 1, 0),
            new Row("watch", "p99 µs send→event", "send_p99_us", 1, 0),
            new Row("watch", "events before the ack, %", "events_before_ack_pct", 1, 0),
            new Row("session", "sessions created/s", "ops_per_s", 1, 0),
            new Row("session", "p50 µs create", "p50_us", 1, 0),
            new Row("session", "p99 µs create", "p99_us", 1, 0),
            new Row("session", "p999 µs create", "p999_us", 1, 0),
            new Row("ephemeral", "ephemerals removed/s", "ops_per_s", 1, 0),
            new Row("ephemeral", "cleanup ms, median round", "p50_us", 1000, 1),
            new Row("ephemeral", "cleanup ms, worst round", "max_us", 1000, 1),
            new Row("memory", "heap after full GC, MB", "heap_mb", 1, 1),
            new Row("memory", "heap per znode, bytes", "heap_per_znode_b", 1, 0),
            new Row("memory", "RSS, MB", "rss_mb", 1, 1),
            new Row("memory", "populate creates/s (no warm-up)", "ops_per_s", 1, 0, true),
            new Row("restart", "start to serving, ms", "restart_ms", 1, 0),
            new Row("ensemble-create", "ops/s", "ops_per_s", 1, 0),
            new Row("ensemble-create", "p50 µs", "p50_us", 1, 0),
            new Row("ensemble-create", "p99 µs", "p99_us", 1, 0),
            new Row("ensemble-set", "ops/s", "ops_per_s", 1, 0),
            new Row("ensemble-set", "p50 µs", "p50_us", 1, 0),
            new Row("ensemble-set", "p99 µs", "p99_us", 1, 0),
            new Row("ensemble-get", "ops/s", "ops_per_s", 1, 0),
            new Row("ensemble-get", "p50 µs", "p50_us", 1, 0),
            new Row("ensemble-get", "p99 µs", "p99_us", 1, 0),
            new Row("ensemble-mixed", "ops/s", "ops_per_s", 1, 0),
            new Row("ensemble-mixed", "p50 µs", "p50_us", 1, 0),
            new Row("ensemble-mixed", "p99 µs", "p99_us", 1, 0),
            new Row("failover", "kill -9 of the leader → first write, ms", "failover_ms", 1, 0),
            new Row("failover", "→ every session writing again, ms", "failover_all_ms", 1, 0));

    static final String LEGEND = "\n¹ Writes: ZooKeeper fsyncs its transaction log (forceSync=yes) while Corral is in"
            + " memory today — **not comparable until durable storage lands**.\n\n"
            + "² An event that reaches its watcher before the writer has the setData reply counts as 0 µs.\n\n"
            + "Ratio = Corral / ZooKeeper: above 1 is better for throughput, below 1 is better for latency and memory."
            + " \"(status)\" after a figure: that result was not clean, see below.\n";

    static final String LEGEND_DURABLE = "\nBoth servers fsync writes before acknowledging them (ZooKeeper forceSync=yes,"
            + " Corral with durable storage and forceSync=yes).\n\n"
            + "² An event that reaches its watcher before the writer has the setData reply counts as 0 µs.\n\n"
            + "Ratio = Corral / ZooKeeper: above 1 is better for throughput, below 1 is better for latency and memory."
            + " \"(status)\" after a figure: that result was not clean, see below.\n";

    /** Result keys that describe how a workload was run rather than what it measured. */
    private static final List<String> PARAMETER_KEYS = List.of("mode", "sessions", "outstanding", "data_bytes",
            "keyspace", "znodes_available", "watchers", "rounds", "threads", "eph_sessions", "eph_per_session",
            "znodes", "sessions_expired");

    private ReportRows() {
    }

    /** The table title of a workload, flagged as a write that does not compare yet when {@code flagWrites}. */
    static String title(String workload, boolean flagWrites) {
        String title;
        switch (workload) {
            case "mixed": title = "mixed 90% get / 10% set"; break;
            case "watch": title = "watch fan-out"; break;
            case "session": title = "session create+close"; break;
            case "ephemeral": title = "ephemeral cleanup"; break;
            case "memory": title = "memory (idle, after populate)"; break;
            case "restart": title = "restart with the memory phase's znodes (file log, fsync)"; break;
            case "ensemble-mixed": title = "ensemble-mixed 90% get / 10% set"; break;
            case "failover": title = "leader failover, 3-server ensemble"; break;
            default: title = workload;
        }
        return flagWrites && WRITES.contains(workload) ? title + " ¹" : title;
    }

    static String parameters(Map<String, Object> result) {
        StringBuilder text = new StringBuilder();
        for (String key : PARAMETER_KEYS) {
            Object value = result.get(key);
            if (value == null) {
                continue;
            }
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(key).append('=');
            text.append(value instanceof Double ? String.format(Locale.ROOT, "%.0f", (Double) value) : value);
        }
        return text.toString();
    }
}
