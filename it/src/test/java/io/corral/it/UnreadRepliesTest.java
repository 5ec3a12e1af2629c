package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.RssSampler;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** A client that pipelines requests for a large node and never reads the replies cannot exhaust the server. */
class UnreadRepliesTest {

    private static final long HEADROOM_KB = 200 * 1024;

    private static ServerProcess server;
    private static ZooKeeper witness;
    private static long baselineRssKb;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(UnreadRepliesTest.class).start();
        witness = Zk.connect(server.connectString());
        witness.create("/small", "small".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        witness.create("/big", new byte[500 * 1024], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        baselineRssKb = server.rssKb();
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(witness);
        if (server != null) {
            server.stop();
        }
    }

    private static void assertServerServes() throws Exception {
        assertArrayEquals("small".getBytes(StandardCharsets.UTF_8), witness.getData("/small", false, null));
        assertEquals("imok", server.fourLetter("ruok"));
        ZooKeeper fresh = Zk.connect(server.connectString());
        try {
            assertEquals(500 * 1024, fresh.exists("/big", false).getDataLength());
        } finally {
            Zk.closeQuietly(fresh);
        }
    }

    @Test
    void aClientThatNeverReadsItsRepliesCannotExhaustTheServer() throws Exception {
        int maxRequests = 20_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long[] sent = new long[1];
        boolean[] writeBlocked = new boolean[1];

        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(ServerProcess.HOST, server.port()))) {
            // handshake in blocking mode
            channel.write(ByteBuffer.wrap(RawClient.frame(RawClient.newSessionConnectRequest(30_000))));
            ByteBuffer len = ByteBuffer.allocate(4);
            readFully(channel, len);
            ByteBuffer body = ByteBuffer.allocate(len.flip().getInt());
            readFully(channel, body);
            ConnectResponse response = new ConnectResponse();
            response.deserialize(org.apache.jute.BinaryInputArchive.getArchive(
                    new java.io.ByteArrayInputStream(body.array())), "connect");
            assertTrue(response.getTimeOut() > 0);

            channel.configureBlocking(false);
            long peak = RssSampler.peakRssDuring(server, () -> {
                try (Selector selector = Selector.open()) {
                    channel.register(selector, SelectionKey.OP_WRITE);
                    ByteBuffer pending = null;
                    long blockedSince = -1;
                    while (sent[0] < maxRequests && System.nanoTime() < deadline) {
                        if (pending == null || !pending.hasRemaining()) {
                            int xid = (int) sent[0] + 1;
                            pending = ByteBuffer.wrap(RawClient.frame(RawClient.serialize(
                                    new RequestHeader(xid, OpCode.getData), new GetDataRequest("/big", false))));
                        }
                        channel.write(pending);
                        if (!pending.hasRemaining()) {
                            sent[0]++;
                            blockedSince = -1;
                            continue;
                        }
                        // the socket is full: the server is not taking more right now
                        if (blockedSince < 0) {
                            blockedSince = System.nanoTime();
                        } else if (System.nanoTime() - blockedSince > TimeUnit.SECONDS.toNanos(3)) {
                            writeBlocked[0] = true;
                            break;
                        }
                        selector.select(500);
                        selector.selectedKeys().clear();
                    }
                }
                // keep the unread replies pending for a while and make sure memory stays flat meanwhile
                await("server memory stays bounded while replies are unread").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> server.isAlive() && server.rssKb() < baselineRssKb + HEADROOM_KB);
                // another client is served while that connection is stuck
                assertServerServes();
            });
            System.out.printf("unread replies: %d getData requests pipelined, write blocked: %s, baseline RSS %d kB, peak %d kB%n",
                    sent[0], writeBlocked[0], baselineRssKb, peak);
            assertTrue(sent[0] > 0);
            assertTrue(peak < baselineRssKb + HEADROOM_KB, "RSS peaked at " + peak + " kB, baseline " + baselineRssKb
                    + " kB, after " + sent[0] + " pipelined requests (write blocked: " + writeBlocked[0] + ")");
        }
        assertServerServes();
        assertTrue(server.rssKb() < baselineRssKb + HEADROOM_KB);
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed during handshake");
            }
        }
    }
}
