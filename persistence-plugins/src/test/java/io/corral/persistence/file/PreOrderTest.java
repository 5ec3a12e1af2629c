package io.corral.persistence.file;

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
}
