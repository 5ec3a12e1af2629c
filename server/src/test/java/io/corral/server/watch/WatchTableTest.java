package io.corral.server.watch;

import static io.corral.protocol.EventType.NODE_CHILDREN_CHANGED;
import static io.corral.protocol.EventType.NODE_CREATED;
import static io.corral.protocol.EventType.NODE_DATA_CHANGED;
import static io.corral.protocol.EventType.NODE_DELETED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchTableTest {
    private static final List<ACL> OPEN = List.of(new ACL(Perms.ALL, new Id("world", "anyone")));
    private static final List<ACL> SECRET = List.of(new ACL(Perms.ALL, new Id("digest", "bob:x")));
    /** Records what it is delivered. */
    static final class Recorder implements Watcher {
        final List<WatchEvent> events = new ArrayList<>();

        @Override
        public void deliver(WatchEvent event) {
            events.add(event);
        }

        List<String> seen() {
            List<String> out = new ArrayList<>();
            for (WatchEvent e : events) {
                out.add(e.type() + ":" + e.path());
            }
            return out;
        }
    }

    private final WatchTable table = new WatchTable();
    private final Recorder w = new Recorder();

    @ParameterizedTest(name = "{0} on the path, event {1}: fires={2}, stays={3}")
    @CsvSource({
        "DATA,                 1, true,  false",
        "DATA,                 2, true,  false",
        "DATA,                 3, true,  false",
        "DATA,                 4, false, true",
        "CHILD,                1, false, true",
        "CHILD,                2, true,  false",
        "CHILD,                3, false, true",
        "CHILD,                4, true,  false",
        "PERSISTENT,           1, true,  true",
        "PERSISTENT,           2, true,  true",
        "PERSISTENT,           3, true,  true",
        "PERSISTENT,           4, true,  true",
        "PERSISTENT_RECURSIVE, 1, true,  true",
        "PERSISTENT_RECURSIVE, 2, true,  true",
        "PERSISTENT_RECURSIVE, 3, true,  true",
        "PERSISTENT_RECURSIVE, 4, false, true",
    })
    void whatEachKindFiresOn(WatchKind kind, int eventType, boolean fires, boolean stays) {
        table.add(kind, "/a", w);
        table.trigger("/a", eventType, 42, OPEN);
        assertEquals(fires ? 1 : 0, w.events.size());
        if (fires) {
            WatchEvent e = w.events.get(0);
            assertEquals(eventType, e.type());
            assertEquals("/a", e.path());
            assertEquals(42, e.zxid());
        }
        assertEquals(stays, table.contains(kind, "/a", w));
    }

    @Test
    void oneShotWatchesFireOnceThenAreGone() {
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.CHILD, "/a", w);
        table.trigger("/a", NODE_DATA_CHANGED, 1, OPEN);
        table.trigger("/a", NODE_DATA_CHANGED, 2, OPEN);
        table.trigger("/a", NODE_CHILDREN_CHANGED, 3, OPEN);
        table.trigger("/a", NODE_CHILDREN_CHANGED, 4, OPEN);
        assertEquals(List.of("3:/a", "4:/a"), w.seen());
        assertEquals(0, table.watchCount());
        assertEquals(Map.of(), table.watchesOf(w));
        assertTrue(table.watchers().isEmpty());
    }

    @Test
    void persistentWatchesStay() {
        table.add(WatchKind.PERSISTENT, "/a", w);
        for (int i = 0; i < 3; i++) {
            table.trigger("/a", NODE_DATA_CHANGED, i, OPEN);
        }
        assertEquals(3, w.events.size());
        assertEquals(1, table.watchCount());
    }

    @Test
    void persistentWatchIgnoresDescendants() {
        table.add(WatchKind.PERSISTENT, "/a", w);
        table.trigger("/a/b", NODE_CREATED, 1, OPEN);
        table.trigger("/a/b", NODE_DATA_CHANGED, 2, OPEN);
        assertTrue(w.events.isEmpty());
    }

    @Test
    void recursiveWatchFiresForDescendantsButNotChildrenChanged() {
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/a", w);
        table.trigger("/a/b", NODE_CREATED, 1, OPEN);
        table.trigger("/a", NODE_CHILDREN_CHANGED, 1, OPEN);
        table.trigger("/a/b/c", NODE_CREATED, 2, OPEN);
        table.trigger("/a/b", NODE_CHILDREN_CHANGED, 2, OPEN);
        table.trigger("/a/b/c", NODE_DATA_CHANGED, 3, OPEN);
        table.trigger("/a/b/c", NODE_DELETED, 4, OPEN);
        table.trigger("/ab", NODE_CREATED, 5, OPEN);
        table.trigger("/", NODE_CHILDREN_CHANGED, 5, OPEN);
        table.trigger("/other", NODE_DATA_CHANGED, 6, OPEN);
        assertEquals(List.of("1:/a/b", "1:/a/b/c", "3:/a/b/c", "2:/a/b/c"), w.seen());
    }

    @Test
    void recursiveWatchOnRootSeesEverything() {
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/", w);
        table.trigger("/x", NODE_CREATED, 1, OPEN);
        table.trigger("/x/y/z", NODE_DATA_CHANGED, 2, OPEN);
        table.trigger("/", NODE_DATA_CHANGED, 3, OPEN);
        assertEquals(List.of("1:/x", "3:/x/y/z", "3:/"), w.seen());
    }

    @Test
    void oneDeliveryPerWatcherPerTriggerWhateverTheKinds() {
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.CHILD, "/a", w);
        table.add(WatchKind.PERSISTENT, "/a", w);
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/a", w);
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/", w);
        table.trigger("/a", NODE_DELETED, 9, OPEN);
        assertEquals(List.of("2:/a"), w.seen());
        assertFalse(table.contains(WatchKind.DATA, "/a", w));
        assertFalse(table.contains(WatchKind.CHILD, "/a", w));
        assertTrue(table.contains(WatchKind.PERSISTENT, "/a", w));
        assertTrue(table.contains(WatchKind.PERSISTENT_RECURSIVE, "/a", w));
        assertTrue(table.contains(WatchKind.PERSISTENT_RECURSIVE, "/", w));
    }

    @Test
    void everyWatcherGetsTheSameEventObject() {
        Recorder other = new Recorder();
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.DATA, "/a", other);
        table.trigger("/a", NODE_DATA_CHANGED, 3, OPEN);
        assertEquals(1, w.events.size());
        assertEquals(1, other.events.size());
        assertSame(w.events.get(0), other.events.get(0), "one event, encoded once, for all receivers");
    }

    @Test
    void addingTheSameWatchTwiceIsOneWatch() {
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.DATA, "/a", w);
        assertEquals(1, table.watchCount());
        table.trigger("/a", NODE_DATA_CHANGED, 1, OPEN);
        assertEquals(1, w.events.size());
    }

    @Test
    void removeAndContains() {
        table.add(WatchKind.CHILD, "/a", w);
        assertTrue(table.contains(WatchKind.CHILD, "/a", w));
        assertFalse(table.contains(WatchKind.DATA, "/a", w));
        assertFalse(table.remove(WatchKind.DATA, "/a", w));
        assertTrue(table.remove(WatchKind.CHILD, "/a", w));
        assertFalse(table.remove(WatchKind.CHILD, "/a", w));
        assertFalse(table.contains(WatchKind.CHILD, "/a", w));
        assertEquals(0, table.watchCount());
        assertEquals(0, table.watchedPathCount());
        assertTrue(table.watchers().isEmpty());
        table.trigger("/a", NODE_CHILDREN_CHANGED, 1, OPEN);
        assertTrue(w.events.isEmpty());
    }

    @Test
    void removedRecursiveWatchNoLongerFires() {
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/a", w);
        assertTrue(table.remove(WatchKind.PERSISTENT_RECURSIVE, "/a", w));
        table.trigger("/a/b", NODE_CREATED, 1, OPEN);
        assertTrue(w.events.isEmpty());
    }

    @Test
    void removeAllDropsOnlyThatWatchersWatches() {
        Recorder other = new Recorder();
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.CHILD, "/b", w);
        table.add(WatchKind.PERSISTENT, "/c", w);
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/", w);
        table.add(WatchKind.DATA, "/a", other);
        table.add(WatchKind.PERSISTENT_RECURSIVE, "/d", other);
        assertEquals(6, table.watchCount());
        assertEquals(5, table.watchedPathCount());
        assertEquals(Map.of(WatchKind.DATA, Set.of("/a"), WatchKind.CHILD, Set.of("/b"),
                WatchKind.PERSISTENT, Set.of("/c"), WatchKind.PERSISTENT_RECURSIVE, Set.of("/")), table.watchesOf(w));

        table.removeAll(w);
        table.removeAll(w);
        assertEquals(2, table.watchCount());
        assertEquals(Map.of(), table.watchesOf(w));
        assertEquals(List.of(other), table.watchers());
        table.trigger("/a", NODE_DATA_CHANGED, 1, OPEN);
        table.trigger("/b", NODE_CHILDREN_CHANGED, 2, OPEN);
        table.trigger("/c", NODE_DATA_CHANGED, 3, OPEN);
        table.trigger("/d/e", NODE_CREATED, 4, OPEN);
        assertTrue(w.events.isEmpty());
        assertEquals(List.of("3:/a", "1:/d/e"), other.seen());
    }

    @Test
    void watchesOfFollowsOneShotFiring() {
        table.add(WatchKind.DATA, "/a", w);
        table.add(WatchKind.DATA, "/b", w);
        table.trigger("/a", NODE_DELETED, 1, OPEN);
        assertEquals(Map.of(WatchKind.DATA, Set.of("/b")), table.watchesOf(w));
    }

    @Test
    void onlyNodeEventsCanBeTriggered() {
        assertThrows(IllegalArgumentException.class, () -> table.trigger("/a", -1, 1, OPEN));
        assertThrows(IllegalArgumentException.class, () -> table.trigger("/a", 5, 1, OPEN));
    }

    @Test
    void eventsGoOnlyToWatchersThatMayReadTheNode() {
        Recorder allowed = new Recorder();
        Recorder denied = new Recorder();
        List<String> asked = new ArrayList<>();
        WatchTable guarded = new WatchTable((watcher, acl) -> {
            asked.add(acl == SECRET ? "secret" : "open");
            return watcher != denied || acl != SECRET;
        });
        guarded.add(WatchKind.DATA, "/s", allowed);
        guarded.add(WatchKind.DATA, "/s", denied);
        guarded.add(WatchKind.PERSISTENT_RECURSIVE, "/", denied);
        guarded.trigger("/s", NODE_DATA_CHANGED, 7, SECRET);
        assertEquals(1, allowed.events.size());
        assertTrue(denied.events.isEmpty(), "no event leaks to a watcher that cannot read the node");
        assertFalse(guarded.contains(WatchKind.DATA, "/s", denied), "the one-shot watch is spent all the same");
        assertTrue(guarded.contains(WatchKind.PERSISTENT_RECURSIVE, "/", denied));
        assertEquals(List.of("secret", "secret"), asked, "asked once per watcher, with the node's ACL");

        guarded.trigger("/open", NODE_CREATED, 8, OPEN);
        assertEquals(1, denied.events.size(), "the same watcher still hears about nodes it may read");
    }
}
