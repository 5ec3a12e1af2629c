package io.corral.protocol;

/** AddWatchRequest.mode. */
public final class AddWatchMode {
    public static final int PERSISTENT = 0;
    /** Fires for the path and every descendant, but never NODE_CHILDREN_CHANGED. */
    public static final int PERSISTENT_RECURSIVE = 1;

    private AddWatchMode() {
    }

    /** The name of ZooKeeper's AddWatchMode constant, or "UNKNOWN(n)". */
    public static String name(int mode) {
        return switch (mode) {
            case PERSISTENT -> "PERSISTENT";
            case PERSISTENT_RECURSIVE -> "PERSISTENT_RECURSIVE";
            default -> "UNKNOWN(" + mode + ")";
        };
    }
}
