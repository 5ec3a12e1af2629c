package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.RssSampler;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;
import io.corral.it.support.TlsSetup;
import io.corral.it.support.Zk;

/**
 * The plain port's flow control holds under TLS: a client on the secure port that pipelines requests for a large
 * node and never reads the replies gets its writes blocked, the server's memory stays flat, and everyone else
 * (TLS or not) is served meanwhile.
 *
 * <p>Corral only: the reference ZooKeeper's Netty server keeps encrypting replies for such a client, and its memory
 * grows past the bound this test sets (observed with -Dit.target=zookeeper: the 10 s bound on RSS is not met).
 */
class TlsBackpressureTest {
    private static final long HEADROOM_KB = 200 * 1024;

    private static Path dir;
    private static TlsSetup tls;
    private static ServerProcess server;
    private static ZooKeeper witness;
    private static long baselineRssKb;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Target.current() == Target.CORRAL, "ZooKeeper's Netty TLS server does not bound this (see above)");
        dir = Files.createTempDirectory("corral-it-tls-backpressure-");
        tls = new TlsSetup(dir, "PKCS12");
        server = tls.apply(ServerProcess.builder(TlsBackpressureTest.class)).start();
        witness = tls.connect(TlsTest.BOB);
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
        ServerProcess.deleteRecursively(dir);
    }

    /** The largest {@code recved=} of the {@code cons} lines: requests the server read from one connection. */
    private static long mostRequestsReceivedByOneConnection() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("recved=(\\d+)").matcher(server.fourLetter("cons"));
        long most = 0;
        while (m.find()) {
            most = Math.max(most, Long.parseLong(m.group(1)));
        }
        return most;
    }

    @Test
    void aTlsClientThatNeverReadsItsRepliesIsHeldBack() throws Exception {
        int maxRequests = 20_000;
        AtomicLong sent = new AtomicLong();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long[] received = new long[1];
        try (SSLSocket s = tls.rawSocket(TlsTest.ALICE, "TLSv1.3")) {
            OutputStream out = s.getOutputStream();
            out.write(RawClient.frame(RawClient.newSessionConnectRequest(30_000)));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            in.readFully(new byte[in.readInt()]); // the ConnectResponse; nothing is read after it

            Thread writer = new Thread(() -> {
                try {
                    for (int xid = 1; xid <= maxRequests; xid++) {
                        out.write(RawClient.frame(RawClient.serialize(new RequestHeader(xid, OpCode.getData),
                                new GetDataRequest("/big", false))));
                        out.flush();
                        sent.incrementAndGet();
                        lastProgress.set(System.nanoTime());
                    }
                } catch (Exception closedAtTheEnd) {
                    // the test closes the socket while this thread is blocked in write
                }
            }, "tls-unread-writer");
            writer.setDaemon(true);
            long peak = RssSampler.peakRssDuring(server, () -> {
                writer.start();
                await("the server stops taking requests from a client that does not read")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sent.get() >= maxRequests
                                || System.nanoTime() - lastProgress.get() > TimeUnit.SECONDS.toNanos(3));
                await("server memory stays bounded while replies are unread").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> server.isAlive() && server.rssKb() < baselineRssKb + HEADROOM_KB);
                assertArrayEquals("small".getBytes(StandardCharsets.UTF_8), witness.getData("/small", false, null));
                received[0] = mostRequestsReceivedByOneConnection();
                ZooKeeper plain = Zk.connect(server.connectString());
                try {
                    assertEquals(500 * 1024, plain.exists("/big", false).getDataLength());
                } finally {
                    Zk.closeQuietly(plain);
                }
            });
            System.out.printf("TLS unread replies: %d getData requests written (the rest of what the server did not"
                    + " read waits in socket buffers), %d taken by the server, baseline RSS %d kB, peak %d kB%n",
                    sent.get(), received[0], baselineRssKb, peak);
            assertTrue(received[0] < maxRequests / 4, "the server stopped reading the connection after " + received[0]
                    + " of " + sent.get() + " requests");
            assertTrue(peak < baselineRssKb + HEADROOM_KB, "RSS peaked at " + peak + " kB, baseline " + baselineRssKb);
        }
        assertArrayEquals("small".getBytes(StandardCharsets.UTF_8), witness.getData("/small", false, null));
    }
}
