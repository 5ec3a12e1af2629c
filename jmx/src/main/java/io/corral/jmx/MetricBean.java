package io.corral.jmx;

import io.corral.api.management.Distribution;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsView;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * One metric as an MBean, in the layout of Dropwizard's JmxReporter ({@code metrics:name=<name>,type=<kind>},
 * tags as further key properties), with its attribute names: {@code Value} for gauges, {@code Count} for counters,
 * {@code Count}, {@code Min}, {@code Max}, {@code Mean}, {@code StdDev}, {@code 50thPercentile} ... {@code
 * 999thPercentile} for histograms and timers, and the rates for timers (durations in milliseconds, rates per
 * second). Every read visits the metric afresh.
 */
final class MetricBean implements DynamicMBean {
    static final String DOMAIN = "metrics";

    /** The kinds, as JmxReporter names them in the {@code type} key. */
    enum Kind {
        GAUGE("gauges"), COUNTER("counters"), HISTOGRAM("histograms"), TIMER("timers");

        final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    private static final String[] DISTRIBUTION = {"Count", "Min", "Max", "Mean", "StdDev", "50thPercentile",
        "75thPercentile", "95thPercentile", "98thPercentile", "99thPercentile", "999thPercentile", "Sum"};
    private static final String[] RATES = {"MeanRate", "OneMinuteRate", "FiveMinuteRate", "FifteenMinuteRate"};

    private final MetricsView metrics;
    private final MetricId id;
    private final Kind kind;
    private final MBeanInfo info;

    MetricBean(MetricsView metrics, MetricId id, Kind kind) {
        this.metrics = metrics;
        this.id = id;
        this.kind = kind;
        this.info = new MBeanInfo(MetricBean.class.getName(), "The metric " + id.name() + " " + id.tags(),
                attributes(kind), null, new MBeanOperationInfo[0], null);
    }

    static ObjectName objectName(MetricId id, Kind kind) throws MalformedObjectNameException {
        StringBuilder b = new StringBuilder(DOMAIN).append(":name=").append(value(id.name())).append(",type=").append(kind.type);
        id.tags().forEach((k, v) -> {
            if (!k.equals("name") && !k.equals("type")) {
                b.append(',').append(k).append('=').append(value(v));
            }
        });
        return new ObjectName(b.toString());
    }

    private static String value(String v) {
        for (char c : v.toCharArray()) {
            if (",=:\"*?\n".indexOf(c) >= 0) {
                return ObjectName.quote(v);
            }
        }
        return v;
    }

    private static MBeanAttributeInfo[] attributes(Kind kind) {
        List<MBeanAttributeInfo> out = new ArrayList<>();
        switch (kind) {
            case GAUGE -> out.add(attribute("Value", "java.lang.Object"));
            case COUNTER -> out.add(attribute("Count", "long"));
            case HISTOGRAM, TIMER -> {
                out.add(attribute("Count", "long"));
                for (int i = 1; i < DISTRIBUTION.length; i++) {
                    out.add(attribute(DISTRIBUTION[i], "double"));
                }
                if (kind == Kind.TIMER) {
                    for (String r : RATES) {
                        out.add(attribute(r, "double"));
                    }
                    out.add(attribute("RateUnit", "java.lang.String"));
                    out.add(attribute("DurationUnit", "java.lang.String"));
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return out.toArray(new MBeanAttributeInfo[0]);
    }

    private static MBeanAttributeInfo attribute(String name, String type) {
        return new MBeanAttributeInfo(name, type, name, true, false, false);
    }

    /** Every attribute's current value, in one visit. */
    private Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.visit(id, new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number value) {
                out.put("Value", value);
            }

            @Override
            public void counter(MetricId id, long count) {
                out.put("Count", count);
            }

            @Override
            public void histogram(MetricId id, Distribution d) {
                distribution(out, d, 1.0);
            }

            @Override
            public void timer(MetricId id, Distribution nanos, Rates rates) {
                distribution(out, nanos, 1e6);
                out.put("MeanRate", rates.mean());
                out.put("OneMinuteRate", rates.oneMinute());
                out.put("FiveMinuteRate", rates.fiveMinute());
                out.put("FifteenMinuteRate", rates.fifteenMinute());
                out.put("RateUnit", "events/second");
                out.put("DurationUnit", "milliseconds");
            }
        });
        return out;
    }

    /** {@code divisor} turns the recorded unit into the shown one (1e6: nanoseconds to milliseconds). */
    private static void distribution(Map<String, Object> out, Distribution d, double divisor) {
        out.put("Count", d.count());
        double[] v = {d.min(), d.max(), d.mean(), d.stdDev(), d.p50(), d.p75(), d.p95(), d.p98(), d.p99(), d.p999(), d.sum()};
        for (int i = 0; i < v.length; i++) {
            out.put(DISTRIBUTION[i + 1], v[i] / divisor);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Map<String, Object> values = values();
        if (!values.containsKey(attribute)) {
            if (isAttribute(attribute)) {
                return null; // the metric went away since this bean was registered
            }
            throw new AttributeNotFoundException("No attribute " + attribute + " on the " + kind.type + " metric " + id.name());
        }
        return values.get(attribute);
    }

    private boolean isAttribute(String attribute) {
        for (MBeanAttributeInfo a : info.getAttributes()) {
            if (a.getName().equals(attribute)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Object> values = values();
        AttributeList out = new AttributeList();
        for (String a : attributes) {
            if (values.containsKey(a)) {
                out.add(new Attribute(a, values.get(a)));
            }
        }
        return out;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("Metric attributes are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("Metric beans have no operations: " + actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
