package io.corral.server.pipeline;

import io.corral.testsupport.TestPki;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Id;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.GetACLRequest;
import io.corral.protocol.proto.GetACLResponse;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.WhoAmIResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auth packets take effect on arrival, keep their reply's place in line; TLS handshakes grant x509 ids. */
class PipelineAuthTest extends PipelineHarness {
    private static final String BOB = "bob:fyVmFCwVbTJYrznoSu1koqYEYF0="; // bob:secret, SHA-1
    private static final List<ACL> BOB_ONLY = List.of(new ACL(Perms.ALL, new Id("digest", BOB)));

    private static void sendAuth(Client c, String scheme, String credentials) {
        c.submit(-4, OpCode.AUTH, new AuthPacket(0, scheme, credentials.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAuthCountsForRequestsBehindItEvenWhileWritesAreInFlight() {
        Client bob = connect();
        sendAuth(bob, "digest", "bob:secret");
        assertEquals(Code.OK, bob.link.replyTo(-4).err());
        assertEquals(Code.OK, bob.call(OpCode.CREATE, new CreateRequest("/secret", bytes("s"), BOB_ONLY, 0)).err());

        Client c = connect();
        log.hold();
        int create = c.submit(OpCode.CREATE, new CreateRequest("/other", null, OPEN, 0));
        sendAuth(c, "digest", "bob:secret");
        int set = c.submit(OpCode.SET_DATA, new SetDataRequest("/secret", bytes("t"), -1));
        log.release();
        assertEquals(Code.OK, c.link.replyTo(create).err());
        FakeLink.Reply auth = c.link.replyTo(-4);
        assertEquals(Code.OK, auth.err(), "the auth reply keeps its place in line");
        assertEquals(0, auth.zxid());
        assertEquals(Code.OK, c.link.replyTo(set).err(), "the setData behind the auth was checked with bob's id");
    }

    @Test
    void afterAFailedAuthLaterRequestsAreDroppedAndTheConnectionCloses() {
        Client c = connect();
        log.hold();
        int create = c.submit(OpCode.CREATE, new CreateRequest("/before", null, OPEN, 0));
        sendAuth(c, "kerberos", "x");
        c.submit(OpCode.CREATE, new CreateRequest("/after", null, OPEN, 0));
        log.release();
        assertEquals(Code.OK, c.link.replyTo(create).err());
        assertEquals(Code.AUTHFAILED, c.link.replyTo(-4).err());
        c.link.awaitClosed();
        barrier();
        assertFalse(c.link.hasFrames());
        assertNull(onPipeline(() -> pipeline.tree().get("/after")), "nothing after the failed auth ran");
    }

    @Test
    void aTlsHandshakeGrantsTheCertificatesX509Id() throws Exception {
        TestPki pki = new TestPki("CN=CA");
        FakeLink link = new FakeLink();
        link.certificates = List.of(pki.issue("CN=app,O=Example").chain());
        Client c = new Client(link, pipeline.newConnection(link));
        pipeline.handshakeCompleted(c.conn);
        c.handshake(new io.corral.protocol.proto.ConnectRequest(0, 0, 10_000, 0, new byte[16], false), false);
        link.nextConnected();

        List<ClientInfo> who = c.call(OpCode.WHO_AM_I, null).decode(WhoAmIResponse::read).clientInfo();
        assertTrue(who.contains(new ClientInfo("x509", "CN=app,O=Example")), who::toString);
        assertEquals(Code.OK, c.call(OpCode.CREATE, new CreateRequest("/mine", null,
                List.of(new ACL(Perms.ALL, new Id("auth", ""))), 0)).err());
        List<ACL> acl = c.call(OpCode.GET_ACL, new GetACLRequest("/mine")).decode(GetACLResponse::read).acl();
        assertEquals(List.of(new ACL(Perms.ALL, new Id("x509", "CN=app,O=Example"))), acl);
        Client other = connect();
        assertEquals(Code.NOAUTH, other.call(OpCode.SET_DATA, new SetDataRequest("/mine", bytes("x"), -1)).err());
    }

    @Test
    void aCertificateAuthPacketOnAPlainConnectionFails() {
        Client c = connect();
        sendAuth(c, "x509", "");
        assertEquals(Code.AUTHFAILED, c.link.replyTo(-4).err());
        c.link.awaitClosed();
    }
}
