package io.corral.protocol;

/** WatcherEvent.state. Every event the server sends carries SYNC_CONNECTED; the rest are client-side. */
public final class KeeperState {
    /** Deprecated in ZooKeeper and never sent. */
    public static final int UNKNOWN = -1;
    public static final int DISCONNECTED = 0;
    /** Deprecated in ZooKeeper and never sent. */
    public static final int NO_SYNC_CONNECTED = 1;
    public static final int SYNC_CONNECTED = 3;
    public static final int AUTH_FAILED = 4;
    public static final int CONNECTED_READ_ONLY = 5;
    public static final int SASL_AUTHENTICATED = 6;
    public static final int CLOSED = 7;
    public static final int EXPIRED = -112;

    private KeeperState() {
    }

    /** The name of ZooKeeper's Watcher.Event.KeeperState constant, or "Unknown(n)". */
    public static String name(int state) {
        return switch (state) {
            case UNKNOWN -> "Unknown";
            case DISCONNECTED -> "Disconnected";
            case NO_SYNC_CONNECTED -> "NoSyncConnected";
            case SYNC_CONNECTED -> "SyncConnected";
            case AUTH_FAILED -> "AuthFailed";
            case CONNECTED_READ_ONLY -> "ConnectedReadOnly";
            case SASL_AUTHENTICATED -> "SaslAuthenticated";
            case CLOSED -> "Closed";
            case EXPIRED -> "Expired";
            default -> "Unknown(" + state + ")";
        };
    }
}
