package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.RssSampler;
import io.corral.it.support.MemoryWitness;
import io.corral.it.support.ServerProcess;

/** A client that pipelines requests for a large node and never reads the replies cannot exhaust the server. */
class UnreadRepliesTest {

    private static ServerProcess server;
    private static MemoryWitness witness;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(UnreadRepliesTest.class).start();
        witness = MemoryWitness.on(server);
    }

    @AfterAll
    static void stop() {
        if (witness != null) {
            witness.close();
        }
        if (server != null) {
            server.stop();
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
                        .until(() -> server.isAlive() && server.rssKb() < witness.boundKb());
                // another client is served while that connection is stuck
                witness.assertServerServes();
            });
            System.out.printf("unread replies: %d getData requests pipelined, write blocked: %s, baseline RSS %d kB, peak %d kB%n",
                    sent[0], writeBlocked[0], witness.baselineRssKb(), peak);
            assertTrue(sent[0] > 0);
            assertTrue(peak < witness.boundKb(), "RSS peaked at " + peak + " kB, baseline " + witness.baselineRssKb()
                    + " kB, after " + sent[0] + " pipelined requests (write blocked: " + writeBlocked[0] + ")");
        }
        witness.assertServerServes();
        assertTrue(server.rssKb() < witness.boundKb());
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed during handshake");
            }
        }
    }
}
