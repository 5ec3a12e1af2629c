package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChrootTest {
    private final Chroot app = Chroot.of("/app");

    @Test
    void prefixesOutgoingPaths() {
        assertEquals("/app", app.toServer("/"));
        assertEquals("/app/a/b", app.toServer("/a/b"));
    }

    @Test
    void stripsIncomingPaths() {
        assertEquals("/", app.toClient("/app"));
        assertEquals("/a/b", app.toClient("/app/a/b"));
        assertEquals("/seq-0000000001", app.toClient("/app/seq-0000000001"));
    }

    @Test
    void leavesPathsOutsideTheChrootAlone() {
        assertEquals("/zookeeper/config", app.toClient("/zookeeper/config"));
        assertEquals("/apple/x", app.toClient("/apple/x"), "a sibling sharing the prefix is not inside the chroot");
    }

    @Test
    void noChrootIsTheIdentity() {
        assertSame(Chroot.NONE, Chroot.of("/"));
        assertSame(Chroot.NONE, Chroot.of(null));
        assertEquals("/a", Chroot.NONE.toServer("/a"));
        assertEquals("/a", Chroot.NONE.toClient("/a"));
        assertTrue(Chroot.NONE.isNone());
    }

    @Test
    void nestedChroot() {
        Chroot nested = Chroot.of("/a/b");
        assertEquals("/a/b/c", nested.toServer("/c"));
        assertEquals("/c", nested.toClient("/a/b/c"));
    }

    @Test
    void invalidChrootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("/app/"));
        assertThrows(IllegalArgumentException.class, () -> Chroot.of("/a//b"));
    }
}
