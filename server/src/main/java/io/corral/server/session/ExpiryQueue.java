package io.corral.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Bucketed expiry, after ZooKeeper's ExpiryQueue: an element's deadline is rounded up to the next multiple of
 * the bucket interval, so a thousand sessions touched within one tick share one bucket and a touch that stays
 * in the same bucket costs one map lookup. Times come from the caller (an injected clock).
 *
 * <p>Thread-safe: network threads touch, the expiry tick polls.
 */
public final class ExpiryQueue<E> {
    private final long intervalMs;
    private final Map<E, Long> deadlines = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Set<E>> buckets = new ConcurrentSkipListMap<>();

    public ExpiryQueue(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    /** The bucket a deadline of {@code nowMs + timeoutMs} falls in: the next multiple of the interval. */
    public long roundUp(long deadlineMs) {
        return (deadlineMs / intervalMs + 1) * intervalMs;
    }

    /** Moves {@code e} to the bucket of {@code nowMs + timeoutMs}; returns that bucket's time. */
    public long touch(E e, long nowMs, long timeoutMs) {
        long bucket = roundUp(nowMs + timeoutMs);
        Long previous = deadlines.put(e, bucket);
        if (previous != null && previous == bucket) {
            return bucket;
        }
        buckets.computeIfAbsent(bucket, b -> ConcurrentHashMap.newKeySet()).add(e);
        if (previous != null) {
            Set<E> old = buckets.get(previous);
            if (old != null) {
                old.remove(e);
            }
        }
        return bucket;
    }

    public void remove(E e) {
        Long previous = deadlines.remove(e);
        if (previous != null) {
            Set<E> old = buckets.get(previous);
            if (old != null) {
                old.remove(e);
            }
        }
    }

    /** Removes and returns every element whose bucket time is at or before {@code nowMs}. */
    public List<E> expire(long nowMs) {
        List<E> out = new ArrayList<>();
        ConcurrentNavigableMap<Long, Set<E>> due = buckets.headMap(nowMs, true);
        for (Map.Entry<Long, Set<E>> entry : due.entrySet()) {
            buckets.remove(entry.getKey());
            for (E e : entry.getValue()) {
                // A touch racing with this pass may have moved e to a later bucket: then it is not expired.
                if (deadlines.remove(e, entry.getKey())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    public Long deadlineOf(E e) {
        return deadlines.get(e);
    }

    public int size() {
        return deadlines.size();
    }
}
