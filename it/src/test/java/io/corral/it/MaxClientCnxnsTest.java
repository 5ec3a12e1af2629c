package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** maxClientCnxns limits the concurrent connections from one address. */
class MaxClientCnxnsTest {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(MaxClientCnxnsTest.class).maxClientCnxns(3).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static boolean handshakeWorks() {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theFourthConnectionFromOneAddressIsRefused() throws Exception {
        List<ZooKeeper> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(Zk.connect(server.connectString()));
            }
            long bytesBeforeClose;
            try (RawClient fourth = RawClient.open(server)) {
                try {
                    fourth.writeFrame(RawClient.newSessionConnectRequest(10_000));
                } catch (IOException refused) {
                    // already closed
                }
                bytesBeforeClose = fourth.bytesBeforeClose(Duration.ofSeconds(10));
            } catch (IOException refusedWhileConnecting) {
                bytesBeforeClose = 0; // closed by the server before the connect call even returned
            }
            assertEquals(0L, bytesBeforeClose, "the fourth connection is closed without a ConnectResponse");
            for (ZooKeeper zk : clients) {
                assertNotNull(zk.exists("/", false), "the three admitted clients keep working");
            }
            long sessions = clients.stream().mapToLong(ZooKeeper::getSessionId).distinct().count();
            assertEquals(3, sessions);

            // once one leaves, a new connection is admitted again
            Zk.closeQuietly(clients.remove(0));
            await("a connection slot frees up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(MaxClientCnxnsTest::handshakeWorks);
        } finally {
            for (ZooKeeper zk : clients) {
                Zk.closeQuietly(zk);
            }
        }
    }
}
