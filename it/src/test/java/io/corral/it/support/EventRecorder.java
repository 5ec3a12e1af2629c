package io.corral.it.support;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;

/** A watcher that keeps every event it sees, in arrival order, and lets tests wait for one (bounded). */
public final class EventRecorder implements Watcher {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final String name;
    private final List<WatchedEvent> events = new ArrayList<>();
    private final List<Long> arrivalNanos = new ArrayList<>();

    public EventRecorder() {
        this("recorder");
    }

    public EventRecorder(String name) {
        this.name = name;
    }

    @Override
    public void process(WatchedEvent event) {
        synchronized (events) {
            events.add(event);
            arrivalNanos.add(System.nanoTime());
        }
    }

    /** Snapshot of all events so far. */
    public List<WatchedEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** Snapshot of the node events (type other than None) so far. */
    public List<WatchedEvent> nodeEvents() {
        return events().stream().filter(e -> e.getType() != EventType.None).collect(Collectors.toList());
    }

    public List<WatchedEvent> nodeEvents(String path) {
        return nodeEvents().stream().filter(e -> path.equals(e.getPath())).collect(Collectors.toList());
    }

    public long count(Predicate<WatchedEvent> p) {
        return events().stream().filter(p).count();
    }

    public long count(EventType type, String path) {
        return count(e -> e.getType() == type && path.equals(e.getPath()));
    }

    public void clear() {
        synchronized (events) {
            events.clear();
            arrivalNanos.clear();
        }
    }

    /** Waits (bounded) until an event matching {@code p} has arrived and returns the first such event. */
    public WatchedEvent await(Predicate<WatchedEvent> p, Duration atMost, String description) {
        org.awaitility.Awaitility.await(name + " receives " + description).atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> first(p) != null);
        return first(p);
    }

    public WatchedEvent awaitEvent(EventType type, String path) {
        return awaitEvent(type, path, DEFAULT_WAIT);
    }

    public WatchedEvent awaitEvent(EventType type, String path, Duration atMost) {
        return await(e -> e.getType() == type && path.equals(e.getPath()), atMost, type + " " + path);
    }

    public WatchedEvent awaitState(KeeperState state) {
        return awaitState(state, DEFAULT_WAIT);
    }

    public WatchedEvent awaitState(KeeperState state, Duration atMost) {
        return await(e -> e.getType() == EventType.None && e.getState() == state, atMost, "state " + state);
    }

    /** System.nanoTime() at which the first event matching {@code p} arrived, or -1. */
    public long arrivalNanos(Predicate<WatchedEvent> p) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (p.test(events.get(i))) {
                    return arrivalNanos.get(i);
                }
            }
        }
        return -1;
    }

    private WatchedEvent first(Predicate<WatchedEvent> p) {
        synchronized (events) {
            for (WatchedEvent e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + events();
    }
}
