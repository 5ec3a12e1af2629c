package io.corral.server.pipeline.op;

import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.EventType;
import io.corral.protocol.WatcherType;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.CheckWatchesRequest;
import io.corral.protocol.proto.ErrorResponse;
import io.corral.protocol.proto.RemoveWatchesRequest;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.proto.SetWatches2;
import io.corral.server.pipeline.ConnectionState;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import io.corral.server.tree.DataNode;
import io.corral.server.watch.WatchKind;
import io.corral.server.watch.WatchTable;
import java.util.List;

/** addWatch, checkWatches, removeWatches and the re-registration of watches after a reconnect. */
public final class WatchOps {
    private WatchOps() {
    }

    public static final ReadOp ADD_WATCH = (Request req, ReadContext ctx) -> {
        AddWatchRequest r = (AddWatchRequest) req.body();
        WatchKind kind = switch (r.mode()) {
            case AddWatchMode.PERSISTENT -> WatchKind.PERSISTENT;
            case AddWatchMode.PERSISTENT_RECURSIVE -> WatchKind.PERSISTENT_RECURSIVE;
            default -> throw new KeeperCode(Code.BADARGUMENTS);
        };
        Paths.validate(r.path());
        ctx.watches().add(kind, r.path(), req.connection());
        return new ErrorResponse(Code.OK);
    };

    public static final ReadOp CHECK_WATCHES = (Request req, ReadContext ctx) -> {
        CheckWatchesRequest r = (CheckWatchesRequest) req.body();
        if (!matches(ctx.watches(), r.type(), r.path(), req.connection(), false)) {
            throw new KeeperCode(Code.NOWATCHER);
        }
        return null;
    };

    public static final ReadOp REMOVE_WATCHES = (Request req, ReadContext ctx) -> {
        RemoveWatchesRequest r = (RemoveWatchesRequest) req.body();
        if (!matches(ctx.watches(), r.type(), r.path(), req.connection(), true)) {
            throw new KeeperCode(Code.NOWATCHER);
        }
        return null;
    };

    private static boolean matches(WatchTable table, int type, String path, ConnectionState conn, boolean remove)
            throws KeeperCode {
        List<WatchKind> kinds = switch (type) {
            case WatcherType.CHILDREN -> List.of(WatchKind.CHILD);
            case WatcherType.DATA -> List.of(WatchKind.DATA);
            case WatcherType.ANY -> List.of(WatchKind.values());
            case WatcherType.PERSISTENT -> List.of(WatchKind.PERSISTENT);
            case WatcherType.PERSISTENT_RECURSIVE -> List.of(WatchKind.PERSISTENT_RECURSIVE);
            default -> throw new KeeperCode(Code.BADARGUMENTS);
        };
        boolean found = false;
        for (WatchKind k : kinds) {
            found |= remove ? table.remove(k, path, conn) : table.contains(k, path, conn);
        }
        return found;
    }

    /**
     * setWatches and setWatches2 (xid -8): what changed since the client's last seen zxid fires at once, the
     * rest is registered; events go out before the reply.
     */
    public static final ReadOp SET_WATCHES = (Request req, ReadContext ctx) -> {
        if (req.body() instanceof SetWatches2 r) {
            register(ctx, req.connection(), r.relativeZxid(), r.dataWatches(), r.existWatches(), r.childWatches());
            persistent(ctx, req.connection(), r.persistentWatches(), WatchKind.PERSISTENT);
            persistent(ctx, req.connection(), r.persistentRecursiveWatches(), WatchKind.PERSISTENT_RECURSIVE);
        } else {
            SetWatches r = (SetWatches) req.body();
            register(ctx, req.connection(), r.relativeZxid(), r.dataWatches(), r.existWatches(), r.childWatches());
        }
        return null;
    };

    private static void register(ReadContext ctx, ConnectionState conn, long relativeZxid,
                                 List<String> data, List<String> exist, List<String> child) {
        WatchTable table = ctx.watches();
        for (String path : nonNull(data)) {
            DataNode n = ctx.tree().get(path);
            if (n == null) {
                ctx.sendEvent(conn, EventType.NODE_DELETED, path);
            } else if (n.mzxid() > relativeZxid) {
                ctx.sendEvent(conn, EventType.NODE_DATA_CHANGED, path);
            } else {
                table.add(WatchKind.DATA, path, conn);
            }
        }
        for (String path : nonNull(exist)) {
            if (ctx.tree().get(path) != null) {
                ctx.sendEvent(conn, EventType.NODE_CREATED, path);
            } else {
                table.add(WatchKind.DATA, path, conn);
            }
        }
        for (String path : nonNull(child)) {
            DataNode n = ctx.tree().get(path);
            if (n == null) {
                ctx.sendEvent(conn, EventType.NODE_DELETED, path);
            } else if (n.pzxid() > relativeZxid) {
                ctx.sendEvent(conn, EventType.NODE_CHILDREN_CHANGED, path);
            } else {
                table.add(WatchKind.CHILD, path, conn);
            }
        }
    }

    private static void persistent(ReadContext ctx, ConnectionState conn, List<String> paths, WatchKind kind) {
        for (String path : nonNull(paths)) {
            ctx.watches().add(kind, path, conn);
        }
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }
}
