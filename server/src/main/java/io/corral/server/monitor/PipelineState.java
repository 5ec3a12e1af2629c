package io.corral.server.monitor;

import io.corral.server.session.SessionTable;
import io.corral.server.tree.DataTree;
import io.corral.server.watch.WatchTable;
import io.corral.server.watch.Watcher;
import java.util.function.ToLongFunction;

/**
 * What a monitoring query may read on the pipeline thread: the tree, the watches, the sessions, and how to tell
 * the session of a watcher. Never keep a reference past the query: these structures belong to that thread.
 */
public record PipelineState(DataTree tree, WatchTable watches, SessionTable sessions, ToLongFunction<Watcher> sessionOf) {
}
