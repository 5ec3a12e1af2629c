package io.corral.server.time;

/** The real clock. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long wallMs() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicMs() {
        return System.nanoTime() / 1_000_000;
    }
}
