package io.corral.bench;

import io.corral.bench.driver.ClosedLoop;
import io.corral.bench.driver.LatencyStats;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.zookeeper.KeeperException;

/**
 * The outcome of one (server, workload) pair: written as one JSON line to the results file and as one
 * human-readable line to stdout.
 *
 * <p>Common keys: {@code server, workload, mode, status, ops, errors, seconds, ops_per_s, p50_us, p99_us, p999_us,
 * max_us}; workloads add their own (e.g. {@code heap_mb}). Status is the worst of what happened:
 * {@code ok < errors < timeout < failed}.
 */
public final class Result {

    private static final List<String> SEVERITY = List.of("ok", "errors", "timeout", "failed");

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Result() {
    }

    public static Result of(Settings settings) {
        Result r = new Result();
        r.fields.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        r.fields.put("server", settings.text("server"));
        String label = settings.text("label");
        r.fields.put("workload", label.isEmpty() ? settings.text("workload") : label);
        r.fields.put("mode", settings.mode());
        r.fields.put("status", "ok");
        return r;
    }

    /** A workload that threw: what it was doing is in the message. */
    public static Result failed(Settings settings, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        return of(settings).worsen("failed").note(message);
    }

    public Result put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Raises the status to {@code status} unless it is already worse. */
    public Result worsen(String status) {
        if (SEVERITY.indexOf(status) > SEVERITY.indexOf(status())) {
            fields.put("status", status);
        }
        return this;
    }

    /** Appends to the free-text note that explains a non-ok status or a caveat. */
    public Result note(String text) {
        Object old = fields.get("note");
        fields.put("note", old == null ? text : old + "; " + text);
        return this;
    }

    public String status() {
        return (String) fields.get("status");
    }

    /** The throughput and latency keys from a measured closed-loop run, and the status it implies. */
    public Result outcome(ClosedLoop.Outcome outcome) {
        latency(outcome.stats(), outcome.seconds());
        if (outcome.unfinished() > 0) {
            worsen("timeout").note(outcome.unfinished() + " requests still unanswered after the drain period");
        }
        if (outcome.failure() != null) {
            worsen("failed").note("driver: " + outcome.failure());
        }
        return this;
    }

    public Result latency(LatencyStats stats, double seconds) {
        fields.put("ops", stats.ops());
        fields.put("errors", stats.errors());
        fields.put("seconds", seconds);
        fields.put("ops_per_s", seconds > 0 ? stats.ops() / seconds : 0.0);
        percentiles("", stats);
        if (stats.errors() > 0) {
            worsen("errors").put("first_error", codeName(stats.firstErrorCode()));
        }
        if (stats.ops() == 0) {
            worsen("failed").note("no operation completed in the measured window");
        }
        return this;
    }

    /** {@code <prefix>p50_us, p99_us, p999_us, max_us} from {@code stats}; -1 when it holds no sample. */
    public Result percentiles(String prefix, LatencyStats stats) {
        fields.put(prefix + "p50_us", stats.percentileUs(50));
        fields.put(prefix + "p99_us", stats.percentileUs(99));
        fields.put(prefix + "p999_us", stats.percentileUs(99.9));
        fields.put(prefix + "max_us", stats.maxUs());
        return this;
    }

    public String json() {
        return Json.write(fields);
    }

    public String summary() {
        return String.format(Locale.ROOT, "%-9s %-9s %-7s %12s ops/s  p50 %9s us  p99 %9s us  p999 %9s us  errors %s%s",
                fields.get("server"), fields.get("workload"), status(), number(fields.get("ops_per_s")),
                number(fields.get("p50_us")), number(fields.get("p99_us")), number(fields.get("p999_us")),
                number(fields.get("errors")), fields.containsKey("note") ? "  (" + fields.get("note") + ")" : "");
    }

    private static String number(Object value) {
        if (value instanceof Number) {
            return String.format(Locale.ROOT, "%,d", Math.round(((Number) value).doubleValue()));
        }
        return "-";
    }

    private static String codeName(int code) {
        KeeperException.Code known = KeeperException.Code.get(code);
        return known == null ? Integer.toString(code) : known.name();
    }
}
