package io.corral.server.watch;

/**
 * One node event. Encoded lazily and only once, however many watchers receive it (a fan-out to thousands of
 * watchers then costs one encoding).
 */
public final class WatchEvent {
    private final int type;
    private final String path;
    private final long zxid;
    private byte[] frame;

    public WatchEvent(int type, String path, long zxid) {
        this.type = type;
        this.path = path;
        this.zxid = zxid;
    }

    public int type() {
        return type;
    }

    public String path() {
        return path;
    }

    public long zxid() {
        return zxid;
    }

    /** The cached wire frame, built by {@code encoder} on first use (called only from the apply thread). */
    public byte[] frame(java.util.function.Function<WatchEvent, byte[]> encoder) {
        if (frame == null) {
            frame = encoder.apply(this);
        }
        return frame;
    }
}
