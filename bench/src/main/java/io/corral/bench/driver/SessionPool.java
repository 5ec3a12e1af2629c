package io.corral.bench.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A set of client sessions opened together against one server, each its own TCP connection.
 *
 * <p>Closing runs in parallel on daemon threads and gives up after a bound, because a server that stops answering
 * must cost the run a few seconds, not a hang: {@code ZooKeeper.close()} waits for the closeSession reply.
 */
public final class SessionPool implements AutoCloseable {

    /** Long enough that no session expires during a run, within ZooKeeper's default [4 s, 40 s] at tickTime 2000. */
    public static final int SESSION_TIMEOUT_MS = 30_000;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final List<ZooKeeper> sessions;
    private boolean closed;

    private SessionPool(List<ZooKeeper> sessions) {
        this.sessions = Collections.unmodifiableList(sessions);
    }

    /** Opens {@code count} sessions and waits until all are connected; on failure closes the ones it opened. */
    public static SessionPool open(String connect, int count) throws IOException, InterruptedException,
            TimeoutException {
        CountDownLatch connected = new CountDownLatch(count);
        List<ZooKeeper> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                opened.add(new ZooKeeper(connect, SESSION_TIMEOUT_MS, firstConnect(connected)));
            }
            if (!connected.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(connected.getCount() + " of " + count
                        + " sessions to " + connect + " not connected after " + CONNECT_TIMEOUT.toSeconds() + " s");
            }
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            closeAll(opened, CLOSE_TIMEOUT);
            throw e;
        }
        return new SessionPool(opened);
    }

    /** A watcher that counts the session's first SyncConnected and ignores everything after it. */
    public static Watcher firstConnect(CountDownLatch connected) {
        AtomicInteger seen = new AtomicInteger();
        return event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected && seen.getAndIncrement() == 0) {
                connected.countDown();
            }
        };
    }

    public List<ZooKeeper> sessions() {
        return sessions;
    }

    public ZooKeeper get(int index) {
        return sessions.get(index);
    }

    public int size() {
        return sessions.size();
    }

    /** Closes every session at once; returns how many had not finished closing within the bound. */
    public synchronized int closeAll() throws InterruptedException {
        if (closed) {
            return 0;
        }
        closed = true;
        return closeAll(sessions, CLOSE_TIMEOUT);
    }

    @Override
    public void close() throws InterruptedException {
        closeAll();
    }

    private static int closeAll(List<ZooKeeper> sessions, Duration limit) throws InterruptedException {
        if (sessions.isEmpty()) {
            return 0;
        }
        ExecutorService closers = Executors.newFixedThreadPool(Math.min(sessions.size(), 128), r -> {
            Thread t = new Thread(r, "session-closer");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(sessions.size());
        for (ZooKeeper zk : sessions) {
            closers.execute(() -> {
                try {
                    zk.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        closers.shutdownNow();
        return (int) done.getCount();
    }
}
