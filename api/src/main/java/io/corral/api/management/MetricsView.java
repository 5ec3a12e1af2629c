package io.corral.api.management;

import java.util.Map;

/**
 * The server's metrics, read by visiting them. Values are read at the moment of the visit; a visit allocates
 * little and takes no lock the request path holds.
 */
public interface MetricsView {

    /** Visits every metric, in a stable order. */
    void visit(MetricsVisitor visitor);

    /** Visits one metric; does nothing when there is none with this id. */
    void visit(MetricId id, MetricsVisitor visitor);

    /** The current value of an untagged gauge, or null when there is none of that name. */
    default Number gauge(String name) {
        Number[] value = new Number[1];
        visit(new MetricId(name, Map.of()), new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number v) {
                value[0] = v;
            }
        });
        return value[0];
    }
}
