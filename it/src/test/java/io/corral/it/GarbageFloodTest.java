package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.RssSampler;
import io.corral.it.support.MemoryWitness;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;

/** Floods of garbage connections do not make the server hold on to memory. */
class GarbageFloodTest {

    private static ServerProcess server;
    private static MemoryWitness witness;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(GarbageFloodTest.class).start();
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
        System.out.printf("garbage flood: baseline RSS %d kB, peak %d kB%n", witness.baselineRssKb(), peak);
        assertTrue(server.isAlive());
        assertTrue(peak < witness.boundKb(),
                "RSS peaked at " + peak + " kB, baseline " + witness.baselineRssKb() + " kB");
        witness.assertServerServes();
        assertTrue(server.rssKb() < witness.boundKb());
    }

}
