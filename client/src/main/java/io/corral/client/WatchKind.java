package io.corral.client;

/**
 * The client-side watch tables, as in ZooKeeper's client: a data watch (getData, or exists on a node that exists),
 * an exist watch (exists on a missing node, waiting for NodeCreated), a child watch, and the two persistent kinds of
 * addWatch. They are kept apart because a reconnect must re-register each kind in its own SetWatches list.
 */
enum WatchKind {
    DATA,
    EXIST,
    CHILD,
    PERSISTENT,
    PERSISTENT_RECURSIVE
}
