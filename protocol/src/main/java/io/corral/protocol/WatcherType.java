package io.corral.protocol;

/** CheckWatchesRequest.type and RemoveWatchesRequest.type. */
public final class WatcherType {
    public static final int CHILDREN = 1;
    /** Covers exist watches too: ZooKeeper keeps them in the data table. */
    public static final int DATA = 2;
    public static final int ANY = 3;
    public static final int PERSISTENT = 4;
    public static final int PERSISTENT_RECURSIVE = 5;

    private WatcherType() {
    }

    /** The name of ZooKeeper's Watcher.WatcherType constant, or "Unknown(n)". */
    public static String name(int type) {
        return switch (type) {
            case CHILDREN -> "Children";
            case DATA -> "Data";
            case ANY -> "Any";
            case PERSISTENT -> "Persistent";
            case PERSISTENT_RECURSIVE -> "PersistentRecursive";
            default -> "Unknown(" + type + ")";
        };
    }
}
