package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.GetDataRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/**
 * {@code enforce.auth.enabled=true} with {@code enforce.auth.schemes=digest} (ZooKeeper 3.7+): a request of a
 * session that has not authenticated with digest is answered SESSIONCLOSEDREQUIRESASLAUTH (-124) and the connection
 * is closed; auth packets themselves are exempt.
 */
class EnforceAuthTest {
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(EnforceAuthTest.class)
                .set("enforce.auth.enabled", "true")
                .set("enforce.auth.schemes", "digest")
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anUnauthenticatedRequestIsRefusedAndTheConnectionClosed() throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            int xid = raw.send(OpCode.getData, new GetDataRequest("/", false));
            RawClient.Reply reply = raw.readReply();
            assertEquals(xid, reply.header.getXid());
            assertEquals(0, reply.header.getZxid());
            assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH.intValue(), reply.err());
            assertTrue(raw.awaitClosed(Duration.ofSeconds(10)));
        }
    }

    @Test
    void theApacheClientSeesTheCode() throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        try {
            assertCode(Code.SESSIONCLOSEDREQUIRESASLAUTH, () -> zk.getData("/", false, null));
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void aDigestLoginLetsEveryRequestThrough() throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        try {
            zk.addAuthInfo("digest", "bob:secret".getBytes(StandardCharsets.UTF_8));
            assertNotNull(zk.getData("/", false, null));
            zk.create("/enforced", null, org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    org.apache.zookeeper.CreateMode.PERSISTENT);
            assertNotNull(zk.exists("/enforced", false));
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void anAuthOfAnotherSchemeIsNotEnough() throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            raw.send(-4, OpCode.auth, new AuthPacket(0, "ip", new byte[0]));
            assertEquals(0, raw.readReply().err(), "the auth packet itself is exempt");
            raw.send(OpCode.getData, new GetDataRequest("/", false));
            assertEquals(Code.SESSIONCLOSEDREQUIRESASLAUTH.intValue(), raw.readReply().err());
            assertTrue(raw.awaitClosed(Duration.ofSeconds(10)));
        }
    }
}
