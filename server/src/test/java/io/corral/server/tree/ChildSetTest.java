package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildSetTest {
    @Test
    void behavesLikeASetUnderRandomAddsAndRemoves() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            ChildSet set = new ChildSet();
            Set<String> model = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                String path = "/p/c" + random.nextInt(300);
                if (random.nextInt(3) == 0) {
                    assertEquals(model.remove(path), set.remove(path), "seed " + seed);
                } else {
                    assertEquals(model.add(path), set.add(path), "seed " + seed);
                }
                assertEquals(model.size(), set.size(), "seed " + seed);
            }
            assertEquals(model, new HashSet<>(Arrays.asList(set.paths())), "seed " + seed);
        }
    }

    @Test
    void namesAreTheLastSegment() {
        ChildSet set = new ChildSet();
        set.add("/a/b/x");
        set.add("/a/b/y-0000000001");
        assertEquals(Set.of("x", "y-0000000001"), new HashSet<>(set.names()));
        assertTrue(set.remove("/a/b/x"));
        assertFalse(set.remove("/a/b/x"));
        assertEquals(1, set.size());
    }
}
