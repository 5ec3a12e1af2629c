package io.corral.client.e2e;

import io.corral.client.WatchedEvent;
import io.corral.client.Watcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A watcher that records what it hears, with bounded waits for what a test expects. */
public final class EventLog implements Watcher {
    private final List<WatchedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
        events.add(event);
    }

    public List<WatchedEvent> events() {
        return List.copyOf(events);
    }

    public long count(Predicate<WatchedEvent> matching) {
        return events.stream().filter(matching).count();
    }

    /** Waits (up to 10 s) until {@code n} matching events have been recorded. */
    public void awaitCount(long n, Predicate<WatchedEvent> matching, String what) {
        org.awaitility.Awaitility.await(what + "; events so far: " + events)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> count(matching) >= n);
    }

    public void await(Predicate<WatchedEvent> matching, String what) {
        awaitCount(1, matching, what);
    }

    public static Predicate<WatchedEvent> node(int type, String path) {
        return e -> e.type() == type && path.equals(e.path());
    }

    public static Predicate<WatchedEvent> state(int state) {
        return e -> e.type() == io.corral.protocol.EventType.NONE && e.state() == state;
    }
}
