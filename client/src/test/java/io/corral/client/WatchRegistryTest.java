package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.EventType;
import io.corral.protocol.WatcherType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchRegistryTest {
    private final WatchRegistry registry = new WatchRegistry();
    private final Watcher a = e -> { };
    private final Watcher b = e -> { };

    @Test
    void dataWatchIsOneShot() {
        registry.add(WatchKind.DATA, "/x", a);
        assertEquals(Set.of(a), registry.materialize(EventType.NODE_DATA_CHANGED, "/x"));
        assertEquals(Set.of(), registry.materialize(EventType.NODE_DATA_CHANGED, "/x"));
    }

    @Test
    void existWatchFiresOnCreate() {
        registry.add(WatchKind.EXIST, "/x", a);
        assertEquals(Set.of(), registry.materialize(EventType.NODE_CHILDREN_CHANGED, "/x"));
        assertEquals(Set.of(a), registry.materialize(EventType.NODE_CREATED, "/x"));
    }

    @Test
    void deleteFiresDataAndChildWatchesOnceEach() {
        registry.add(WatchKind.DATA, "/x", a);
        registry.add(WatchKind.CHILD, "/x", a);
        registry.add(WatchKind.CHILD, "/x", b);
        Set<Watcher> fired = registry.materialize(EventType.NODE_DELETED, "/x");
        assertEquals(2, fired.size(), "a watcher set twice hears the event once");
        assertTrue(registry.isEmpty());
    }

    @Test
    void childWatchIgnoresDataChanges() {
        registry.add(WatchKind.CHILD, "/x", a);
        assertEquals(Set.of(), registry.materialize(EventType.NODE_DATA_CHANGED, "/x"));
        assertEquals(Set.of(a), registry.materialize(EventType.NODE_CHILDREN_CHANGED, "/x"));
    }

    @Test
    void persistentWatchStaysAndSeesEveryTypeOnItsPathOnly() {
        registry.add(WatchKind.PERSISTENT, "/x", a);
        assertEquals(Set.of(a), registry.materialize(EventType.NODE_DATA_CHANGED, "/x"));
        assertEquals(Set.of(a), registry.materialize(EventType.NODE_CHILDREN_CHANGED, "/x"));
        assertEquals(Set.of(), registry.materialize(EventType.NODE_CREATED, "/x/y"));
        assertFalse(registry.isEmpty());
    }

    @Test
    void recursiveWatchSeesDescendantsButNotChildrenChanged() {
        registry.add(WatchKind.PERSISTENT_RECURSIVE, "/x", a);
        registry.add(WatchKind.PERSISTENT_RECURSIVE, "/", b);
        assertEquals(Set.of(a, b), registry.materialize(EventType.NODE_CREATED, "/x/y/z"));
        assertEquals(Set.of(b), registry.materialize(EventType.NODE_DELETED, "/xy"), "/xy is not below /x");
        assertEquals(Set.of(), registry.materialize(EventType.NODE_CHILDREN_CHANGED, "/x"));
    }

    @Test
    void parentWalk() {
        assertEquals("/a", WatchRegistry.parent("/a/b"));
        assertEquals("/", WatchRegistry.parent("/a"));
        assertEquals(null, WatchRegistry.parent("/"));
    }

    @Test
    void removeDataTakesDataAndExistWatchesAndNamesTheEvent() {
        registry.add(WatchKind.DATA, "/x", a);
        registry.add(WatchKind.EXIST, "/x", b);
        registry.add(WatchKind.CHILD, "/x", a);
        List<WatchRegistry.Removed> removed = registry.remove("/x", WatcherType.DATA, null);
        assertEquals(2, removed.size());
        assertTrue(removed.stream().allMatch(r -> r.eventType() == EventType.DATA_WATCH_REMOVED));
        assertTrue(registry.contains("/x", WatcherType.CHILDREN, a));
        assertFalse(registry.contains("/x", WatcherType.DATA, null));
    }

    @Test
    void removeOneWatcherLeavesTheOthers() {
        registry.add(WatchKind.PERSISTENT, "/x", a);
        registry.add(WatchKind.PERSISTENT, "/x", b);
        assertTrue(registry.hasOthers("/x", WatcherType.PERSISTENT, a));
        List<WatchRegistry.Removed> removed = registry.remove("/x", WatcherType.PERSISTENT, a);
        assertEquals(List.of(new WatchRegistry.Removed(a, EventType.PERSISTENT_WATCH_REMOVED)), removed);
        assertFalse(registry.hasOthers("/x", WatcherType.PERSISTENT, b));
        assertEquals(Set.of(b), registry.all());
    }

    @Test
    void removeAnyTakesEverything() {
        registry.add(WatchKind.DATA, "/x", a);
        registry.add(WatchKind.PERSISTENT_RECURSIVE, "/x", b);
        assertEquals(2, registry.remove("/x", WatcherType.ANY, null).size());
        assertTrue(registry.isEmpty());
    }
}
