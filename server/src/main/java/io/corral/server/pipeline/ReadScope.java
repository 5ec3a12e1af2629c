package io.corral.server.pipeline;

import io.corral.api.auth.AuthenticationProvider;
import io.corral.protocol.Code;
import io.corral.protocol.data.ACL;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.tree.DataTree;
import io.corral.server.watch.WatchEvent;
import io.corral.server.watch.WatchTable;
import java.util.List;
import java.util.function.LongSupplier;

/** What read ops see: the tree, the watches and the ACL checks. Used on the pipeline thread only. */
final class ReadScope implements ReadContext {
    private final DataTree tree;
    private final WatchTable watches;
    private final AuthRegistry auth;
    private final LongSupplier lastZxid;

    ReadScope(DataTree tree, WatchTable watches, AuthRegistry auth, LongSupplier lastZxid) {
        this.tree = tree;
        this.watches = watches;
        this.auth = auth;
        this.lastZxid = lastZxid;
    }

    @Override
    public DataTree tree() {
        return tree;
    }

    @Override
    public WatchTable watches() {
        return watches;
    }

    @Override
    public long lastZxid() {
        return lastZxid.getAsLong();
    }

    @Override
    public void checkPermission(ConnectionState conn, List<ACL> acl, int perm) throws KeeperCode {
        if (!auth.allows(acl, perm, conn.authIds)) {
            throw new KeeperCode(Code.NOAUTH);
        }
    }

    @Override
    public boolean hasPermission(ConnectionState conn, List<ACL> acl, int perm) {
        return auth.allows(acl, perm, conn.authIds);
    }

    @Override
    public AuthenticationProvider authProvider(String scheme) {
        return auth.provider(scheme);
    }

    @Override
    public void sendEvent(ConnectionState conn, int eventType, String path) {
        conn.deliver(new WatchEvent(eventType, path, -1));
    }
}
