package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RawClient;
import io.corral.it.support.RssSampler;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/** Floods of garbage connections do not make the server hold on to memory. */
class GarbageFloodTest {

    private static final long HEADROOM_KB = 200 * 1024;

    private static ServerProcess server;
    private static ZooKeeper witness;
    private static long baselineRssKb;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(GarbageFloodTest.class).start();
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

    /** Opens a connection, writes about 1 MB of garbage (as far as the server lets it), and closes it. */
    private static void garbageConnection(int n) throws IOException {
        Random random = new Random(n);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ServerProcess.HOST, server.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            int total = 1024 * 1024;
            int written = 0;
            try {
                if (n % 2 == 0) {
                    // a plausible length prefix (below jute.maxbuffer): the server has to take the whole frame in
                    out.write(RawClient.intBytes(1_000_000));
                    total = 1_000_000;
                }
                while (written < total) {
                    random.nextBytes(chunk);
                    int len = Math.min(chunk.length, total - written);
                    out.write(chunk, 0, len);
                    written += len;
                }
                out.flush();
            } catch (IOException closedByServer) {
                // expected for most of them
            }
        }
    }

    @Test
    void twoHundredConnectionsOfGarbageDoNotGrowTheServer() throws Exception {
        int connections = 200;
        int parallel = 10;
        long peak = RssSampler.peakRssDuring(server, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        garbageConnection(n);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
        });
        System.out.printf("garbage flood: baseline RSS %d kB, peak %d kB%n", baselineRssKb, peak);
        assertTrue(server.isAlive());
        assertTrue(peak < baselineRssKb + HEADROOM_KB,
                "RSS peaked at " + peak + " kB, baseline " + baselineRssKb + " kB");
        assertServerServes();
        assertTrue(server.rssKb() < baselineRssKb + HEADROOM_KB);
    }

}
