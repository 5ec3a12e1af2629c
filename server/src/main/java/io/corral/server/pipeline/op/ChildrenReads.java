package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.GetAllChildrenNumberRequest;
import io.corral.protocol.proto.GetAllChildrenNumberResponse;
import io.corral.protocol.proto.GetChildren2Request;
import io.corral.protocol.proto.GetChildren2Response;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetChildrenResponse;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import io.corral.server.tree.DataNode;
import io.corral.server.watch.WatchKind;

/** getChildren, getChildren2 and getAllChildrenNumber. */
public final class ChildrenReads {
    private ChildrenReads() {
    }

    public static final ReadOp GET_CHILDREN = (Request req, ReadContext ctx) -> {
        GetChildrenRequest r = (GetChildrenRequest) req.body();
        return getChildren(req, ctx, r.path(), r.watch());
    };

    public static final ReadOp GET_CHILDREN2 = (Request req, ReadContext ctx) -> {
        GetChildren2Request r = (GetChildren2Request) req.body();
        DataNode node = checked(req, ctx, r.path());
        if (r.watch()) {
            ctx.watches().add(WatchKind.CHILD, r.path(), req.connection());
        }
        return new GetChildren2Response(node.childNames(), ctx.tree().statOf(node));
    };

    public static final ReadOp GET_ALL_CHILDREN_NUMBER = (Request req, ReadContext ctx) -> {
        GetAllChildrenNumberRequest r = (GetAllChildrenNumberRequest) req.body();
        checked(req, ctx, r.path());
        return new GetAllChildrenNumberResponse(ctx.tree().countDescendants(r.path()));
    };

    static Record getChildren(Request req, ReadContext ctx, String path, boolean watch) throws KeeperCode {
        DataNode node = checked(req, ctx, path);
        if (watch) {
            ctx.watches().add(WatchKind.CHILD, path, req.connection());
        }
        return new GetChildrenResponse(node.childNames());
    }

    private static DataNode checked(Request req, ReadContext ctx, String path) throws KeeperCode {
        DataNode node = ctx.tree().get(path);
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(req.connection(), node.acl(), Perms.READ);
        return node;
    }
}
