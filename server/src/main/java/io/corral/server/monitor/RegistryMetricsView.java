package io.corral.server.monitor;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.corral.api.management.Distribution;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsView;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The api's {@link MetricsView} over the server's Dropwizard registry: plain numbers out, no Dropwizard types. */
public final class RegistryMetricsView implements MetricsView {
    private final MetricRegistry registry;

    public RegistryMetricsView(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void visit(MetricsVisitor visitor) {
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.getMetrics()).entrySet()) {
            visitOne(idOf(e.getKey()), e.getValue(), visitor);
        }
    }

    @Override
    public void visit(MetricId id, MetricsVisitor visitor) {
        Metric m = registry.getMetrics().get(registryName(id));
        if (m != null) {
            visitOne(id, m, visitor);
        }
    }

    private static void visitOne(MetricId id, Metric metric, MetricsVisitor visitor) {
        if (metric instanceof Gauge<?> g) {
            Object v = g.getValue();
            if (v instanceof Number n) {
                visitor.gauge(id, n);
            }
        } else if (metric instanceof Counter c) {
            visitor.counter(id, c.getCount());
        } else if (metric instanceof Summary s) {
            Snapshot snap = s.getSnapshot();
            long n = s.getCount();
            double mean = n == 0 ? 0 : (double) s.sum() / n;
            visitor.histogram(id, new Distribution(n, s.sum(), s.min(), s.max(), mean, snap.getStdDev(),
                    snap.getMedian(), snap.get75thPercentile(), snap.get95thPercentile(), snap.get98thPercentile(),
                    snap.get99thPercentile(), snap.get999thPercentile()));
        } else if (metric instanceof Histogram h) {
            visitor.histogram(id, distribution(h.getCount(), h.getSnapshot()));
        } else if (metric instanceof Timer t) {
            visitor.timer(id, distribution(t.getCount(), t.getSnapshot()),
                    new Rates(t.getMeanRate(), t.getOneMinuteRate(), t.getFiveMinuteRate(), t.getFifteenMinuteRate()));
        }
    }

    private static Distribution distribution(long count, Snapshot s) {
        double mean = s.getMean();
        return new Distribution(count, mean * count, s.getMin(), s.getMax(), mean, s.getStdDev(), s.getMedian(),
                s.get75thPercentile(), s.get95thPercentile(), s.get98thPercentile(), s.get99thPercentile(),
                s.get999thPercentile());
    }

    /** Splits {@code name{k=v,k2=v2}} into a name and its tags. */
    static MetricId idOf(String registryName) {
        int brace = registryName.indexOf('{');
        if (brace < 0 || !registryName.endsWith("}")) {
            return MetricId.of(registryName);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : registryName.substring(brace + 1, registryName.length() - 1).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                tags.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new MetricId(registryName.substring(0, brace), tags);
    }

    static String registryName(MetricId id) {
        if (id.tags().isEmpty()) {
            return id.name();
        }
        StringBuilder b = new StringBuilder(id.name()).append('{');
        id.tags().forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        b.setCharAt(b.length() - 1, '}');
        return b.toString();
    }
}
