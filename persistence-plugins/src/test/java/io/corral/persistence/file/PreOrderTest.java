package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PreOrderTest {
    @Test
    void acceptsDepthFirstPreOrderAndRefusesAChildBeforeItsParent() {
        PreOrder order = new PreOrder();
        for (String p : new String[] {"/", "/a", "/a/b", "/a/b/c", "/a/bc", "/ab", "/ab/x", "/zookeeper"}) {
            assertNull(order.next(p), p);
        }
        assertNotNull(order.next("/a/b/d"), "/a/b was left behind: its branch is closed");
        PreOrder other = new PreOrder();
        assertNull(other.next("/"));
        assertNull(other.next("/abc"));
        assertNotNull(other.next("/ab/c"), "/abc is not /ab");
        assertNotNull(new PreOrder().next("/a"), "the root comes first");
    }

    /** The byte-level check of a load's first pass answers as the String one for every path of a sequence. */
    @Test
    void theByteLevelCheckAgreesWithTheStringOne() {
        String[][] sequences = {
            {"/", "/a", "/a/b", "/a/b/c", "/a/bc", "/ab", "/ab/x", "/zookeeper", "/a/b/d"},
            {"/", "/abc", "/ab/c"},
            {"/a"},
            {"/", "/a", "/b", "/a/x"},
            {"/", "/a/", "/a", "a", "/a/b", "/été", "/été/日", "/ét/x"},
            {"/", "/x", "/x/y", "/x/y/z", "/x/y/z/w", "/q", "/x/y"},
        };
        for (String[] sequence : sequences) {
            PreOrder strings = new PreOrder();
            PreOrderBytes bytes = new PreOrderBytes();
            for (String path : sequence) {
                // On disk the root is "".
                byte[] b = (path.equals("/") ? "" : path).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(strings.next(path) == null, bytes.next(b, b.length) == null, path);
            }
        }
    }
}
