package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.GetDataRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** enforce.auth.enabled: as ZooKeeper 3.7+, a request of a connection without an enforced id ends it. */
class PipelineEnforceAuthTest extends PipelineHarness {
    @Override
    Map<String, String> extraConfig() {
        return Map.of("enforce.auth.enabled", "true", "enforce.auth.schemes", "digest");
    }

    @Test
    void anUnauthenticatedRequestIsRefusedAndTheConnectionClosed() {
        Client c = connect();
        FakeLink.Reply r = c.call(OpCode.GET_DATA, new GetDataRequest("/", false));
        assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH, r.err());
        assertEquals(0, r.zxid());
        c.link.awaitClosed();
    }

    @Test
    void pingsAndCloseSessionAreRefusedToo() {
        Client c = connect();
        assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH, c.ping().err());
        c.link.awaitClosed();
        Client d = connect();
        assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH, d.call(OpCode.CLOSE_SESSION, null).err());
        d.link.awaitClosed();
    }

    @Test
    void afterAnAuthOfAnEnforcedSchemeEverythingRuns() {
        Client c = connect();
        c.submit(-4, OpCode.AUTH, new AuthPacket(0, "digest", "bob:secret".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Code.OK, c.link.replyTo(-4).err());
        assertEquals(Code.OK, c.call(OpCode.CREATE, new CreateRequest("/ok", null, OPEN, 0)).err());
        assertEquals(Code.OK, c.ping().err());
        assertFalse(c.link.closed());
    }

    @Test
    void anIpAuthPacketDoesNotSatisfyADigestRequirement() {
        Client c = connect();
        c.submit(-4, OpCode.AUTH, new AuthPacket(0, "ip", new byte[0]));
        assertEquals(Code.OK, c.link.replyTo(-4).err());
        assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH, c.ping().err());
        c.link.awaitClosed();
    }
}
