package io.corral.client;

import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;

/**
 * What a {@link Watcher} receives: a node event from the server (type 1 to 4, state SyncConnected), a state change
 * made by the client (type None: SyncConnected, Disconnected, Expired, AuthFailed, Closed) or a local watch removal
 * (types 5 to 7). {@code path} is in the caller's namespace (chroot removed); {@code zxid} is -1 unless the server
 * sent one.
 */
public record WatchedEvent(int type, int state, String path, long zxid) {
    public static final long NO_ZXID = -1L;

    public static WatchedEvent stateChange(int state) {
        return new WatchedEvent(EventType.NONE, state, null, NO_ZXID);
    }

    /** The text zkCli prints for an event, as ZooKeeper 3.9.3's WatchedEvent.toString(). */
    @Override
    public String toString() {
        return "WatchedEvent state:" + KeeperState.name(state) + " type:" + EventType.name(type)
                + " path:" + path + " zxid: " + zxid;
    }
}
