package io.corral.bench.driver;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds plus success and error counts for one stream of operations.
 *
 * <p>Each session records into its own instance from its client's event thread while the driver thread may read
 * it once the run is over; the methods are synchronized because that lock is uncontended and costs far less than
 * the network round trip being measured.
 */
public final class LatencyStats {

    /** Anything slower than two minutes is recorded as two minutes; the run would have been declared hung anyway. */
    private static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(2);

    private final Histogram histogram = new Histogram(HIGHEST_US, 3);
    private long ops;
    private long errors;
    private int firstErrorCode;
    private long lastCompletionNs;

    /** Records one finished operation; failed ones count as errors and stay out of the latency histogram. */
    public synchronized void record(long latencyNs, boolean success, int code, long completedNs) {
        ops++;
        lastCompletionNs = Math.max(lastCompletionNs, completedNs);
        if (!success) {
            if (errors++ == 0) {
                firstErrorCode = code;
            }
            return;
        }
        histogram.recordValue(Math.min(HIGHEST_US, Math.max(0, latencyNs / 1000)));
    }

    /** Records a successful sample that is not a request latency (e.g. a cleanup time), in microseconds. */
    public synchronized void recordMicros(long micros) {
        ops++;
        histogram.recordValue(Math.min(HIGHEST_US, Math.max(0, micros)));
    }

    public synchronized void recordError(int code) {
        ops++;
        if (errors++ == 0) {
            firstErrorCode = code;
        }
    }

    public static LatencyStats merge(Collection<LatencyStats> parts) {
        LatencyStats total = new LatencyStats();
        for (LatencyStats part : parts) {
            synchronized (part) {
                total.histogram.add(part.histogram);
                total.ops += part.ops;
                if (total.errors == 0 && part.errors > 0) {
                    total.firstErrorCode = part.firstErrorCode;
                }
                total.errors += part.errors;
                total.lastCompletionNs = Math.max(total.lastCompletionNs, part.lastCompletionNs);
            }
        }
        return total;
    }

    /** Operations finished, successful or not. */
    public synchronized long ops() {
        return ops;
    }

    public synchronized long errors() {
        return errors;
    }

    /** The ZooKeeper result code (or workload-defined code) of the first failure, 0 if none failed. */
    public synchronized int firstErrorCode() {
        return firstErrorCode;
    }

    public synchronized long lastCompletionNs() {
        return lastCompletionNs;
    }

    public synchronized long percentileUs(double percentile) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(percentile);
    }

    public synchronized long maxUs() {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getMaxValue();
    }

    public synchronized double meanUs() {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getMean();
    }

    public synchronized long samples() {
        return histogram.getTotalCount();
    }
}
