package io.corral.server.pipeline.op;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import io.corral.protocol.Code;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AuthPacket;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth (xid -4): the scheme's provider turns the packet into ids for the connection. A rejected packet gets
 * AUTHFAILED and the pipeline then closes the connection, as ZooKeeper does.
 */
final class AuthOp implements ReadOp {
    static final AuthOp INSTANCE = new AuthOp();
    private static final Logger LOG = LoggerFactory.getLogger(AuthOp.class);

    @Override
    public Record execute(Request req, ReadContext ctx) throws KeeperCode {
        AuthPacket p = (AuthPacket) req.body();
        AuthenticationProvider provider = p.scheme() == null ? null : ctx.authProvider(p.scheme());
        if (provider == null) {
            LOG.warn("Auth packet for unknown scheme '{}' from {}", p.scheme(), req.connection().link().remoteAddress());
            throw new KeeperCode(Code.AUTHFAILED);
        }
        try {
            byte[] data = p.auth() == null ? new byte[0] : p.auth();
            for (AuthId id : provider.authenticate(data, new ConnectionInfo(req.connection().link().remoteAddress(), null))) {
                if (!req.connection().authIds().contains(id)) {
                    req.connection().authIds().add(id);
                }
            }
        } catch (AuthenticationException | RuntimeException e) {
            LOG.warn("Authentication with scheme '{}' failed for {}: {}", p.scheme(),
                    req.connection().link().remoteAddress(), e.getMessage());
            throw new KeeperCode(Code.AUTHFAILED);
        }
        return null;
    }
}
