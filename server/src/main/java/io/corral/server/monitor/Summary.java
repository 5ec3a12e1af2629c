package io.corral.server.monitor;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.UniformReservoir;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram that also keeps ZooKeeper's exact figures: count, sum, min and max of every value since the last
 * {@link #reset}, which mntr prints as {@code cnt_}, {@code sum_}, {@code min_} and {@code max_}. Percentiles come
 * from a uniform sample, which a reset empties too (srst resets every summary, as in ZooKeeper).
 */
public final class Summary extends Histogram {
    private final boolean percentiles;
    private final ResettableReservoir sample;
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);

    /** @param percentiles whether mntr prints p50/p95/p99/p999 for it (ZooKeeper does for its latency summaries) */
    public Summary(boolean percentiles) {
        this(percentiles, new ResettableReservoir());
    }

    private Summary(boolean percentiles, ResettableReservoir sample) {
        super(sample);
        this.percentiles = percentiles;
        this.sample = sample;
    }

    @Override
    public void update(long value) {
        count.increment();
        sum.add(value);
        min.accumulate(value);
        max.accumulate(value);
        sample.update(value);
    }

    @Override
    public void update(int value) {
        update((long) value);
    }

    @Override
    public long getCount() {
        return count.sum();
    }

    public boolean percentiles() {
        return percentiles;
    }

    public long sum() {
        return sum.sum();
    }

    public long min() {
        return count.sum() == 0 ? 0 : min.get();
    }

    public long max() {
        return count.sum() == 0 ? 0 : max.get();
    }

    /** The average as ZooKeeper prints it: rounded to four places, 0.0 when empty. */
    public double avg() {
        long n = count.sum();
        return n == 0 ? 0.0 : Math.round(sum.sum() * 10_000.0 / n) / 10_000.0;
    }

    public void reset() {
        count.reset();
        sum.reset();
        min.reset();
        max.reset();
        sample.reset();
    }

    /** A uniform sample that can be emptied (Dropwizard's reservoirs cannot). */
    private static final class ResettableReservoir implements Reservoir {
        private final AtomicReference<UniformReservoir> current = new AtomicReference<>(new UniformReservoir());

        void reset() {
            current.set(new UniformReservoir());
        }

        @Override
        public int size() {
            return current.get().size();
        }

        @Override
        public void update(long value) {
            current.get().update(value);
        }

        @Override
        public Snapshot getSnapshot() {
            return current.get().getSnapshot();
        }
    }
}
