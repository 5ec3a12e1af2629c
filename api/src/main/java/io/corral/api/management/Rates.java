package io.corral.api.management;

/** Events per second: over the metric's whole life and as 1-, 5- and 15-minute moving averages. */
public record Rates(double mean, double oneMinute, double fiveMinute, double fifteenMinute) {
}
