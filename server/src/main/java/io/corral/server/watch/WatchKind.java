package io.corral.server.watch;

/** The tables a watch can live in. */
public enum WatchKind {
    /** getData or exists: one-shot, fires on created, deleted, data changed. */
    DATA,
    /** getChildren: one-shot, fires on children changed and deleted. */
    CHILD,
    /** addWatch PERSISTENT: stays, fires every event of the node itself. */
    PERSISTENT,
    /** addWatch PERSISTENT_RECURSIVE: stays, fires created, deleted, data changed of the node and its subtree. */
    PERSISTENT_RECURSIVE
}
