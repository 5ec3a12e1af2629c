package io.corral.server.watch;

/** Who receives watch events: a client connection, in practice. */
public interface Watcher {
    /** Queues one event for the client; {@code zxid} is the triggering transaction's, or -1. */
    void deliver(WatchEvent event);
}
