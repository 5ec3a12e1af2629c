package io.corral.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * For the memory-bound tests: a well-behaved client that puts a small and a 500 KB node in place, the server's
 * RSS right after that as the baseline, and the check that the server still serves both nodes to old and new
 * clients after whatever a test threw at it.
 */
public final class MemoryWitness implements AutoCloseable {
    /** How far above the baseline the server's RSS may go while it is abused. */
    public static final long HEADROOM_KB = 200 * 1024;
    private static final byte[] SMALL = "small".getBytes(StandardCharsets.UTF_8);
    private static final int BIG_BYTES = 500 * 1024;

    private final ServerProcess server;
    private final ZooKeeper client;
    private final long baselineRssKb;

    private MemoryWitness(ServerProcess server, ZooKeeper client, long baselineRssKb) {
        this.server = server;
        this.client = client;
        this.baselineRssKb = baselineRssKb;
    }

    public static MemoryWitness on(ServerProcess server) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        zk.create("/small", SMALL, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/big", new byte[BIG_BYTES], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        return new MemoryWitness(server, zk, server.rssKb());
    }

    public long baselineRssKb() {
        return baselineRssKb;
    }

    /** The RSS the server must stay below. */
    public long boundKb() {
        return baselineRssKb + HEADROOM_KB;
    }

    public void assertServerServes() throws Exception {
        assertArrayEquals(SMALL, client.getData("/small", false, null));
        assertEquals("imok", server.fourLetter("ruok"));
        ZooKeeper fresh = Zk.connect(server.connectString());
        try {
            assertEquals(BIG_BYTES, fresh.exists("/big", false).getDataLength());
        } finally {
            Zk.closeQuietly(fresh);
        }
    }

    @Override
    public void close() {
        Zk.closeQuietly(client);
    }
}
