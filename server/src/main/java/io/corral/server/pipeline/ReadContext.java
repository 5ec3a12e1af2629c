package io.corral.server.pipeline;

import io.corral.api.auth.AuthenticationProvider;
import io.corral.protocol.data.ACL;
import io.corral.server.tree.DataTree;
import io.corral.server.watch.WatchTable;
import java.util.List;

/** What a read op may use: the tree, the watch table, permission checks. */
public interface ReadContext {
    DataTree tree();

    WatchTable watches();

    long lastZxid();

    void checkPermission(ConnectionState conn, List<ACL> acl, int perm) throws KeeperCode;

    boolean hasPermission(ConnectionState conn, List<ACL> acl, int perm);

    AuthenticationProvider authProvider(String scheme);

    /** Sends a notification frame to the connection ahead of its reply (setWatches answers with events). */
    void sendEvent(ConnectionState conn, int eventType, String path);
}
