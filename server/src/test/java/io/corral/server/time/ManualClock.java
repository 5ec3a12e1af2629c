package io.corral.server.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so; both readings advance together. Thread-safe. */
public final class ManualClock implements Clock {
    private final AtomicLong wallMs;
    private final AtomicLong monotonicMs;

    public ManualClock(long wallMs, long monotonicMs) {
        this.wallMs = new AtomicLong(wallMs);
        this.monotonicMs = new AtomicLong(monotonicMs);
    }

    public ManualClock() {
        this(1_700_000_000_000L, 1_000_000L);
    }

    @Override
    public long wallMs() {
        return wallMs.get();
    }

    @Override
    public long monotonicMs() {
        return monotonicMs.get();
    }

    public void advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("a monotonic clock never goes back: " + ms);
        }
        wallMs.addAndGet(ms);
        monotonicMs.addAndGet(ms);
    }
}
