package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.CheckWatchesRequest;
import io.corral.protocol.proto.RemoveWatchesRequest;
import java.util.List;

/**
 * removeWatches as ZooKeeper's client does it: refuse if there is no such watch here; ask the server to drop its
 * watch, or only to confirm it has one when other local watchers still rely on it; then take the watches out of the
 * tables and tell each removed watcher with a *WatchRemoved event.
 */
final class WatchRemoval {
    private final WatchRegistry watches;
    private final RequestChannel requests;
    private final EventDispatcher events;
    private final Chroot chroot;

    WatchRemoval(WatchRegistry watches, RequestChannel requests, EventDispatcher events, Chroot chroot) {
        this.watches = watches;
        this.requests = requests;
        this.events = events;
        this.chroot = chroot;
    }

    /** {@code askServer} false removes locally only (the caller allowed that and is not connected). */
    void remove(String path, Watcher watcher, int watcherType, boolean local, boolean askServer)
            throws ZkException, InterruptedException {
        if (!watches.contains(path, watcherType, watcher)) {
            throw new ZkException(Code.NOWATCHER, path);
        }
        if (askServer) {
            boolean othersRemain = watcher != null && watches.hasOthers(path, watcherType, watcher);
            Record request = othersRemain
                    ? new CheckWatchesRequest(chroot.toServer(path), watcherType)
                    : new RemoveWatchesRequest(chroot.toServer(path), watcherType);
            int opCode = othersRemain ? OpCode.CHECK_WATCHES : OpCode.REMOVE_WATCHES;
            Reply reply = requests.send(new Packet(opCode, request, null, null), path);
            if (reply.err() != Code.OK && !(local && reply.err() == Code.CONNECTIONLOSS)) {
                throw new ZkException(reply.err(), path);
            }
        }
        for (WatchRegistry.Removed removed : watches.remove(path, watcherType, watcher)) {
            WatchedEvent event = new WatchedEvent(removed.eventType(), KeeperState.SYNC_CONNECTED, path,
                    WatchedEvent.NO_ZXID);
            events.dispatch(event, List.of(removed.watcher()));
        }
    }
}
