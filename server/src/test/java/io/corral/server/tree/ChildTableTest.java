package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildTableTest {
    private static DataNode node(String name) {
        return new DataNode(name.getBytes(StandardCharsets.UTF_8), new byte[0], DataTree.OPEN_ACL, 0, 1, 1);
    }

    private static DataNode find(ChildTable table, String name) {
        int hash = ChildTable.hash(name.getBytes(StandardCharsets.UTF_8), 0, name.length());
        String path = "/p/" + name;
        return table.find(path, 3, path.length(), hash);
    }

    @Test
    void behavesLikeAMapByNameUnderRandomAddsAndRemoves() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            ChildTable table = new ChildTable();
            Map<String, DataNode> model = new HashMap<>();
            for (int i = 0; i < 2000; i++) {
                String name = "c" + random.nextInt(300);
                DataNode present = model.get(name);
                assertSame(present, find(table, name), "seed " + seed);
                if (present != null && random.nextInt(3) == 0) {
                    assertTrue(table.remove(present), "seed " + seed);
                    assertFalse(table.remove(present), "seed " + seed);
                    model.remove(name);
                } else if (present == null) {
                    DataNode added = node(name);
                    table.add(added);
                    model.put(name, added);
                }
                assertEquals(model.size(), table.size(), "seed " + seed);
            }
            assertEquals(model.keySet(), new HashSet<>(table.names()), "seed " + seed);
            assertEquals(new HashSet<>(model.values()), Set.of(table.nodes()), "seed " + seed);
        }
    }

    @Test
    void findsNonAsciiNamesByTheirUtf8Bytes() {
        ChildTable table = new ChildTable();
        DataNode umlaut = node("zäh");
        table.add(umlaut);
        table.add(node("zah"));
        assertSame(umlaut, table.find("zäh".getBytes(StandardCharsets.UTF_8)));
        assertNull(table.find("zéh".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Set.of("zäh", "zah"), new HashSet<>(table.names()));
    }

    @Test
    void asciiHashIsTheStringHash() {
        for (String s : new String[] {"", "a", "n0000012345", "lock-"}) {
            assertEquals(s.hashCode(), ChildTable.hash(s.getBytes(StandardCharsets.US_ASCII), 0, s.length()), s);
        }
    }
}
