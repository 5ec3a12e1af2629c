package io.corral.api.management;

/**
 * A summary of recorded values. {@code count}, {@code sum}, {@code min} and {@code max} cover every value since
 * the last reset where the server tracks them exactly, and otherwise the sample; the mean and percentiles come
 * from a bounded sample.
 */
public record Distribution(long count, double sum, double min, double max, double mean, double stdDev,
                           double p50, double p75, double p95, double p98, double p99, double p999) {

    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
