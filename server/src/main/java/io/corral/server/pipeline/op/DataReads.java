package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.ExistsResponse;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import io.corral.server.tree.DataNode;
import io.corral.server.watch.WatchKind;

/** exists and getData, which share the data watch. */
public final class DataReads {
    private DataReads() {
    }

    /** exists: a watch on a missing node is still set (it fires on creation) although the reply is NONODE. */
    public static final ReadOp EXISTS = (Request req, ReadContext ctx) -> {
        ExistsRequest r = (ExistsRequest) req.body();
        if (r.path() == null || r.path().indexOf('\u0000') >= 0) {
            throw new KeeperCode(Code.BADARGUMENTS);
        }
        DataNode node = ctx.tree().get(r.path());
        if (node != null) {
            ctx.checkPermission(req.connection(), node.acl(), Perms.READ);
        }
        if (r.watch()) {
            ctx.watches().add(WatchKind.DATA, r.path(), req.connection());
        }
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        return new ExistsResponse(ctx.tree().statOf(node));
    };

    public static final ReadOp GET_DATA = (Request req, ReadContext ctx) -> {
        GetDataRequest r = (GetDataRequest) req.body();
        return getData(req, ctx, r.path(), r.watch());
    };

    static Record getData(Request req, ReadContext ctx, String path, boolean watch) throws KeeperCode {
        DataNode node = ctx.tree().get(path);
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(req.connection(), node.acl(), Perms.READ);
        if (watch) {
            ctx.watches().add(WatchKind.DATA, path, req.connection());
        }
        return new GetDataResponse(node.data(), ctx.tree().statOf(node));
    }
}
