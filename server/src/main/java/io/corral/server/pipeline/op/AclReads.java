package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.proto.GetACLRequest;
import io.corral.protocol.proto.GetACLResponse;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import io.corral.server.tree.DataNode;
import java.util.ArrayList;
import java.util.List;

/**
 * getACL needs READ or ADMIN; without ADMIN the digest hashes are masked ({@code user:x}), as in ZooKeeper 3.9,
 * so that a reader cannot take a hash away to crack it.
 */
public final class AclReads {
    private AclReads() {
    }

    public static final ReadOp GET_ACL = (Request req, ReadContext ctx) -> {
        GetACLRequest r = (GetACLRequest) req.body();
        DataNode node = ctx.tree().get(r.path());
        if (node == null) {
            throw new KeeperCode(Code.NONODE);
        }
        ctx.checkPermission(req.connection(), node.acl(), Perms.READ | Perms.ADMIN);
        List<ACL> acl = node.acl();
        if (!ctx.hasPermission(req.connection(), acl, Perms.ADMIN)) {
            acl = masked(acl);
        }
        return new GetACLResponse(new ArrayList<>(acl), ctx.tree().statOf(node));
    };

    private static List<ACL> masked(List<ACL> acl) {
        List<ACL> out = new ArrayList<>(acl.size());
        for (ACL a : acl) {
            if ("digest".equals(a.id().scheme())) {
                String id = a.id().id();
                int colon = id.indexOf(':');
                out.add(new ACL(a.perms(), new Id("digest", (colon < 0 ? id : id.substring(0, colon)) + ":x")));
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
