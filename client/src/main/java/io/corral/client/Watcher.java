package io.corral.client;

/**
 * Receives watch events and connection state changes. Called on the client's single event thread, in the order
 * the events happened; a slow watcher delays every later event, and an exception it throws is logged and dropped.
 */
@FunctionalInterface
public interface Watcher {
    void process(WatchedEvent event);
}
