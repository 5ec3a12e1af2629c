package io.corral.server.pipeline.op;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import io.corral.protocol.Code;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AuthPacket;
import io.corral.server.pipeline.ConnectionState;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.pipeline.ReadContext;
import io.corral.server.pipeline.ReadOp;
import io.corral.server.pipeline.Request;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth (xid -4): the scheme's provider turns the packet, and on the secure port the client's certificate chain,
 * into ids for the connection. The pipeline runs it as soon as the packet arrives, so that the requests after it
 * are checked with its ids. An unknown scheme or rejected credentials get AUTHFAILED, and the pipeline then closes
 * the connection, as ZooKeeper does.
 */
final class AuthOp implements ReadOp {
    static final AuthOp INSTANCE = new AuthOp();
    private static final Logger LOG = LoggerFactory.getLogger(AuthOp.class);

    @Override
    public Record execute(Request req, ReadContext ctx) throws KeeperCode {
        AuthPacket p = (AuthPacket) req.body();
        ConnectionState conn = req.connection();
        AuthenticationProvider provider = p.scheme() == null ? null : ctx.authProvider(p.scheme());
        if (provider == null) {
            LOG.warn("Auth packet for unknown scheme '{}' from {}: answering AUTHFAILED and closing the connection"
                    + " (a custom scheme is a jar in lib/)", p.scheme(), conn.link().remoteAddress());
            throw new KeeperCode(Code.AUTHFAILED);
        }
        try {
            byte[] data = p.auth() == null ? new byte[0] : p.auth();
            ConnectionInfo info = new ConnectionInfo(conn.link().remoteAddress(), conn.link().peerCertificates());
            List<AuthId> ids = provider.authenticate(data, info);
            if (ids == null || ids.isEmpty()) {
                throw new AuthenticationException("the provider granted no id");
            }
            for (AuthId id : ids) {
                if (!conn.authIds().contains(id)) {
                    conn.authIds().add(id);
                }
            }
            LOG.debug("Session 0x{} from {} authenticated with scheme {}", Long.toHexString(conn.sessionId()),
                    conn.link().remoteAddress(), p.scheme());
        } catch (AuthenticationException | RuntimeException e) {
            LOG.warn("Authentication with scheme '{}' failed for {}: {}; answering AUTHFAILED and closing the connection",
                    p.scheme(), conn.link().remoteAddress(), e.getMessage());
            throw new KeeperCode(Code.AUTHFAILED);
        }
        return null;
    }
}
