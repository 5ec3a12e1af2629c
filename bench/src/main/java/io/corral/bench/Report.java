package io.corral.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a results file (JSON lines from {@link LoadGenerator} and run.sh) into one Markdown table: every figure for
 * ZooKeeper and for Corral side by side, and the ratio Corral / ZooKeeper. Then notes for every result that was not
 * clean, the parameters used, and the measurements not possible yet.
 *
 * <pre>java -cp ... io.corral.bench.Report results.jsonl</pre>
 */
public final class Report {

    static final String ZK = "zookeeper";
    static final String CORRAL = "corral";

    private final Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
    private final List<Map<String, Object>> todo = new ArrayList<>();

    /** Whether Corral ran with durable storage, making its write figures comparable with ZooKeeper's. */
    private final boolean corralDurable;

    private Report(List<String> lines, boolean corralDurable) {
        this.corralDurable = corralDurable;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> fields = Json.read(line);
            if ("todo".equals(fields.get("status"))) {
                todo.add(fields);
            } else {
                latest.put(fields.get("server") + "/" + fields.get("workload"), fields);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        boolean durable = args.length == 3 && args[1].equals("--corral-persistence") && !args[2].equals("memory");
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--corral-persistence"))) {
            System.err.println("usage: Report <results.jsonl> [--corral-persistence <provider>]");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.print(new Report(lines, durable).render());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| workload | figure | ZooKeeper 3.9.3 | Corral | Corral/ZK |\n");
        out.append("|---|---|---:|---:|---:|\n");
        String previous = null;
        for (ReportRows.Row row : ReportRows.ROWS) {
            String first = row.workload().equals(previous) ? "" : ReportRows.title(row.workload(), !corralDurable);
            previous = row.workload();
            Map<String, Object> zk = latest.get(ZK + "/" + row.workload());
            Map<String, Object> corral = latest.get(CORRAL + "/" + row.workload());
            Double a = row.value(zk);
            Double b = row.value(corral);
            String label = row.write() && !corralDurable ? row.label() + " ¹" : row.label();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", first, label,
                    cell(zk, a, row), cell(corral, b, row), ratio(a, b)));
        }
        out.append(corralDurable ? ReportRows.LEGEND_DURABLE : ReportRows.LEGEND);
        appendProblems(out);
        appendParameters(out);
        appendTodo(out);
        return out.toString();
    }

    private static String cell(Map<String, Object> result, Double value, ReportRows.Row row) {
        if (result == null) {
            return "not run";
        }
        String status = String.valueOf(result.get("status"));
        if (value == null) {
            return status.toUpperCase(Locale.ROOT);
        }
        return row.format(value) + ("ok".equals(status) ? "" : " (" + status + ")");
    }

    private static String ratio(Double zk, Double corral) {
        if (zk == null || corral == null || zk == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", corral / zk);
    }

    private void appendProblems(StringBuilder out) {
        StringBuilder problems = new StringBuilder();
        for (Map<String, Object> r : latest.values()) {
            if ("ok".equals(r.get("status"))) {
                continue;
            }
            problems.append(String.format(Locale.ROOT, "- %s / %s: **%s**", r.get("server"), r.get("workload"),
                    r.get("status")));
            if (r.get("errors") instanceof Double && (Double) r.get("errors") > 0) {
                problems.append(String.format(Locale.ROOT, ", %.0f errors (first: %s)", (Double) r.get("errors"),
                        r.get("first_error")));
            }
            if (r.get("note") != null) {
                problems.append(" — ").append(r.get("note"));
            }
            problems.append('\n');
        }
        if (problems.length() > 0) {
            out.append("\nResults that were not clean:\n\n").append(problems);
        }
    }

    private void appendParameters(StringBuilder out) {
        StringBuilder params = new StringBuilder();
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> r : latest.values()) {
            String workload = String.valueOf(r.get("workload"));
            if (seen.contains(workload)) {
                continue;
            }
            seen.add(workload);
            String text = ReportRows.parameters(r);
            if (!text.isEmpty()) {
                params.append("- ").append(workload).append(": ").append(text).append('\n');
            }
        }
        if (params.length() > 0) {
            out.append("\nParameters:\n\n").append(params);
        }
    }

    private void appendTodo(StringBuilder out) {
        if (todo.isEmpty()) {
            return;
        }
        out.append("\nNot measured yet:\n\n");
        for (Map<String, Object> r : todo) {
            out.append("- ").append(r.get("workload")).append(": ").append(r.get("note")).append('\n');
        }
    }
}
