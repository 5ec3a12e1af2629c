package io.corral.server.pipeline.op;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.proto.GetEphemeralsRequest;
import io.corral.protocol.proto.GetEphemeralsResponse;
import io.corral.protocol.proto.SyncRequest;
import io.corral.protocol.proto.SyncResponse;
import io.corral.protocol.proto.WhoAmIResponse;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import java.util.ArrayList;
import java.util.List;

/** Ops about the caller's own session: getEphemerals, whoAmI, sync and ping. */
public final class SessionReads {
    private SessionReads() {
    }

    /** The session's own ephemerals under a prefix (null, blank or "/" meaning all), sorted for stable output. */
    public static final ReadOp GET_EPHEMERALS = (Request req, ReadContext ctx) -> {
        String prefix = ((GetEphemeralsRequest) req.body()).prefixPath();
        boolean all = prefix == null || prefix.isBlank() || prefix.equals("/");
        List<String> out = new ArrayList<>();
        for (String p : ctx.tree().ephemeralsOf(req.connection().sessionId())) {
            if (all || p.startsWith(prefix)) {
                out.add(p);
            }
        }
        out.sort(null);
        return new GetEphemeralsResponse(out);
    };

    public static final ReadOp WHO_AM_I = (Request req, ReadContext ctx) -> {
        List<ClientInfo> out = new ArrayList<>();
        for (AuthId id : req.connection().authIds()) {
            AuthenticationProvider p = ctx.authProvider(id.scheme());
            out.add(new ClientInfo(id.scheme(), p == null ? id.id() : p.userName(id.id())));
        }
        return new WhoAmIResponse(out);
    };

    /** Standalone, every earlier write of this session is applied by now, so sync only echoes the path. */
    public static final ReadOp SYNC = (Request req, ReadContext ctx) -> new SyncResponse(((SyncRequest) req.body()).path());

    public static final ReadOp PING = (Request req, ReadContext ctx) -> null;
}
