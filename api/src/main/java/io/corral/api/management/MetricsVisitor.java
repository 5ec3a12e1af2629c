package io.corral.api.management;

/** Receives metrics from {@link MetricsView#visit}; each method defaults to ignoring its kind. */
public interface MetricsVisitor {

    /** A value sampled at the moment of the visit (a Long, Integer or Double). */
    default void gauge(MetricId id, Number value) {
    }

    /** A count that only goes up (until the statistics are reset). */
    default void counter(MetricId id, long count) {
    }

    /** A distribution of values in the metric's own unit (milliseconds for ZooKeeper's latencies, entries for batch sizes). */
    default void histogram(MetricId id, Distribution values) {
    }

    /** A distribution of durations, in nanoseconds, with the rate of events per second. */
    default void timer(MetricId id, Distribution durationsNanos, Rates rates) {
    }
}
