package io.corral.client;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Delivers events to watchers on one thread, in the order they were queued, so that a watcher never runs on the
 * reader thread (a slow watcher must not stall replies) and never sees events out of order. The thread ends after
 * {@link #shutdown()} once everything queued before it has been delivered.
 */
final class EventDispatcher {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private record Delivery(WatchedEvent event, List<Watcher> watchers) {
    }

    private static final Delivery END = new Delivery(null, List.of());

    private final LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean ended;

    EventDispatcher(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void dispatch(WatchedEvent event, Collection<Watcher> watchers) {
        if (watchers.isEmpty() || ended) {
            return;
        }
        queue.add(new Delivery(event, List.copyOf(watchers)));
    }

    /** Delivers what is queued, then stops. Later dispatches are dropped. */
    void shutdown() {
        if (!ended) {
            ended = true;
            queue.add(END);
        }
    }

    /** Waits for the thread to finish delivering; false if it did not within the time. */
    boolean awaitTermination(long millis) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return false;
        }
        thread.join(millis);
        return !thread.isAlive();
    }

    boolean isDispatchThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (true) {
            Delivery delivery;
            try {
                delivery = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (delivery == END) {
                return;
            }
            for (Watcher watcher : delivery.watchers()) {
                try {
                    watcher.process(delivery.event());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watcher " + watcher + " failed on " + delivery.event(), e);
                }
            }
        }
    }
}
