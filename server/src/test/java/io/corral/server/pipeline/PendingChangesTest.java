package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.corral.server.tree.DataTree;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingChangesTest {
    private static NodeState state(int version) {
        return new NodeState(version, 0, 0, 0, 0, DataTree.OPEN_ACL);
    }

    @Test
    void aLayerSeesItsOwnChangesFirstAndPublishesThemOnCommit() {
        DataTree tree = new DataTree(true);
        PendingChanges pending = new PendingChanges(tree);
        PendingChanges.Layer layer = pending.layer();
        layer.put("/a", state(1));
        layer.delete("/zookeeper");
        assertEquals(1, layer.lookup("/a").version());
        assertNull(layer.lookup("/zookeeper"), "deleted in the layer");
        assertNull(pending.lookup("/a"), "not published before commit");
        assertEquals(0, pending.lookup("/zookeeper").version(), "the tree's node until commit");
        layer.commit(7);
        assertEquals(1, pending.lookup("/a").version());
        assertNull(pending.lookup("/zookeeper"));
        pending.applied(7);
        assertNull(pending.lookup("/a"), "applied: the tree is the truth again (it has no /a)");
        assertEquals(0, pending.lookup("/zookeeper").version());
    }

    /** Many ops in one layer (a large multi) behave as a map of the last state per path. */
    @Test
    void largeLayersAgreeWithAMap() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            PendingChanges pending = new PendingChanges(new DataTree(true));
            PendingChanges.Layer layer = pending.layer();
            Map<String, Integer> model = new HashMap<>();
            int ops = 1 + random.nextInt(40);
            for (int i = 0; i < ops; i++) {
                String path = "/p" + random.nextInt(20);
                int version = random.nextInt(1000);
                layer.put(path, state(version));
                model.put(path, version);
                for (int j = 0; j < 20; j++) {
                    Integer want = model.get("/p" + j);
                    NodeState got = layer.lookup("/p" + j);
                    assertEquals(want, got == null ? null : got.version(), "round " + round + " op " + i);
                }
            }
            layer.commit(1);
            model.forEach((p, v) -> assertEquals(v, pending.lookup(p).version()));
            layer.clear();
        }
    }
}
