package io.corral.jmx;

import io.corral.api.management.Distribution;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsView;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's metrics in Prometheus' text exposition format (version 0.0.4). Names are the registry's (the mntr
 * keys of ZooKeeper's own Prometheus provider where ZooKeeper has the metric); tags become labels. Gauges and
 * counters are single samples; histograms (milliseconds or counts) are summaries with quantiles, {@code _count} and
 * {@code _sum}; timers are summaries in seconds named {@code <name>_seconds}.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private PrometheusText() {
    }

    static String render(MetricsView metrics) {
        // One block per family, so that samples of the same name but other labels stay under one TYPE line.
        Map<String, StringBuilder> families = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        metrics.visit(new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number value) {
                String name = name(id.name());
                sample(family(name, "gauge"), name, id, null, value);
            }

            @Override
            public void counter(MetricId id, long count) {
                String name = name(id.name());
                sample(family(name, "counter"), name, id, null, count);
            }

            @Override
            public void histogram(MetricId id, Distribution d) {
                summary(name(id.name()), id, d, 1.0);
            }

            @Override
            public void timer(MetricId id, Distribution nanos, Rates rates) {
                summary(name(id.name()) + "_seconds", id, nanos, 1e9);
            }

            /** {@code divisor} turns the recorded unit into the exported one (1e9: nanoseconds to seconds). */
            private void summary(String name, MetricId id, Distribution d, double divisor) {
                StringBuilder b = family(name, "summary");
                double[] values = {d.p50(), d.p75(), d.p95(), d.p98(), d.p99(), d.p999()};
                for (int i = 0; i < QUANTILES.length; i++) {
                    sample(b, name, id, Double.toString(QUANTILES[i]), values[i] / divisor);
                }
                sample(b, name + "_count", id, null, d.count());
                sample(b, name + "_sum", id, null, d.sum() / divisor);
            }

            private StringBuilder family(String name, String type) {
                types.putIfAbsent(name, type);
                return families.computeIfAbsent(name, n -> new StringBuilder());
            }
        });
        StringBuilder out = new StringBuilder(8192);
        families.forEach((name, samples) -> out.append("# TYPE ").append(name).append(' ').append(types.get(name))
                .append('\n').append(samples));
        return out.toString();
    }

    private static void sample(StringBuilder b, String name, MetricId id, String quantile, Number value) {
        b.append(name);
        if (!id.tags().isEmpty() || quantile != null) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, String> t : id.tags().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(name(t.getKey())).append("=\"").append(escape(t.getValue())).append('"');
            }
            if (quantile != null) {
                if (!first) {
                    b.append(',');
                }
                b.append("quantile=\"").append(quantile).append('"');
            }
            b.append('}');
        }
        b.append(' ').append(number(value)).append('\n');
    }

    /** A valid metric or label name: letters, digits and underscores, not starting with a digit. */
    static String name(String raw) {
        StringBuilder b = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (i == 0 && c >= '0' && c <= '9') {
                b.append('_').append(c);
            } else {
                b.append(ok ? c : '_');
            }
        }
        return b.length() == 0 ? "_" : b.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(Number v) {
        if (v instanceof Double || v instanceof Float) {
            double d = v.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "+Inf" : "-Inf";
            }
            return Double.toString(d);
        }
        return v.toString();
    }
}
