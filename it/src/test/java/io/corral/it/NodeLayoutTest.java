package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * What the compact node layout must keep intact, through the Apache client: names in any script, data on both
 * sides of the size kept inside a node's record (256 bytes) and moving across it, null and empty data, and all of
 * it again after a kill -9 and a restart that loads a snapshot (snapCount is small) and replays the log.
 */
class NodeLayoutTest {

    private static final String[] NAMES = {"plain", "ünïcode", "€uro", "日本語", "a b"};
    private static final int[] SIZES = {0, 1, 100, 255, 256, 257, 4096, 300_000};

    @Test
    void namesAndDataOfEverySizeSurviveChangesAndARestart() throws Exception {
        ServerProcess server = ServerProcess.builder(NodeLayoutTest.class).durable().snapCount(20).start();
        ZooKeeper zk = Zk.connect(server.connectString());
        Map<String, byte[]> expected = new LinkedHashMap<>();
        try {
            Random random = new Random(7);
            zk.create("/layout", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            expected.put("/layout", null);
            for (String name : NAMES) {
                String parent = "/layout/" + name;
                zk.create(parent, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                expected.put(parent, new byte[0]);
                for (int size : SIZES) {
                    byte[] data = new byte[size];
                    random.nextBytes(data);
                    String path = parent + "/" + name + "-" + size;
                    zk.create(path, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    expected.put(path, data);
                }
            }
            // Every node's data moves to the next size: inline to large and back, and to null.
            List<String> paths = new ArrayList<>(expected.keySet());
            for (int i = 0; i < paths.size(); i++) {
                byte[] next = i % 5 == 0 ? null : expected.get(paths.get((i + 1) % paths.size()));
                zk.setData(paths.get(i), next, -1);
                expected.put(paths.get(i), next);
            }
            assertHolds(zk, expected, 1);
            Zk.closeQuietly(zk);
            server.kill9(); // the data stays; every write above was acknowledged, so all of it must come back
            server = server.restart();
            zk = Zk.connect(server.connectString());
            assertHolds(zk, expected, 1);
        } finally {
            Zk.closeQuietly(zk);
            server.stop();
        }
    }

    private static void assertHolds(ZooKeeper zk, Map<String, byte[]> expected, int version) throws Exception {
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            Stat stat = new Stat();
            byte[] got = zk.getData(e.getKey(), false, stat);
            if (e.getValue() == null) {
                assertNull(got, e.getKey());
            } else {
                assertArrayEquals(e.getValue(), got, e.getKey());
            }
            assertEquals(version, stat.getVersion(), e.getKey());
            assertEquals(e.getValue() == null ? 0 : e.getValue().length, stat.getDataLength(), e.getKey());
        }
        for (String name : NAMES) {
            TreeSet<String> want = new TreeSet<>();
            for (int size : SIZES) {
                want.add(name + "-" + size);
            }
            assertEquals(want, new TreeSet<>(zk.getChildren("/layout/" + name, false)), name);
        }
        assertEquals(new TreeSet<>(List.of(NAMES)), new TreeSet<>(zk.getChildren("/layout", false)));
    }
}
