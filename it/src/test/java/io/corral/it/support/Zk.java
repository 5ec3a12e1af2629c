package io.corral.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.function.Executable;

/** Helpers around the Apache ZooKeeper Java client. */
public final class Zk {

    public static final int DEFAULT_SESSION_TIMEOUT_MS = 15_000;
    public static final Duration CONNECT_WAIT = Duration.ofSeconds(20);

    private Zk() {
    }

    public static ZooKeeper connect(String connectString) throws IOException {
        return connect(connectString, DEFAULT_SESSION_TIMEOUT_MS, new EventRecorder());
    }

    public static ZooKeeper connect(String connectString, int sessionTimeoutMs) throws IOException {
        return connect(connectString, sessionTimeoutMs, new EventRecorder());
    }

    /** Connects with {@code recorder} as the default watcher and waits (bounded) for SyncConnected. */
    public static ZooKeeper connect(String connectString, int sessionTimeoutMs, EventRecorder recorder) throws IOException {
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, recorder);
        try {
            recorder.awaitState(KeeperState.SyncConnected, CONNECT_WAIT);
        } catch (RuntimeException | Error e) {
            closeQuietly(zk);
            throw e;
        }
        return zk;
    }

    public static void closeQuietly(ZooKeeper... clients) {
        for (ZooKeeper zk : clients) {
            if (zk == null) {
                continue;
            }
            try {
                zk.close(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }

    /**
     * A round trip through the client's event thread: an async exists("/") whose callback is awaited. The client
     * dispatches watcher events and async callbacks in arrival order on one thread, so once this returns every event
     * the server sent before this reply has been handed to its watcher.
     */
    public static void barrier(ZooKeeper zk) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        zk.exists("/", false, (rc, path, ctx, stat) -> done.countDown(), null);
        assertTrue(done.await(20, TimeUnit.SECONDS), "barrier round trip did not complete");
    }

    public static String createPersistent(ZooKeeper zk, String path, byte[] data) throws KeeperException, InterruptedException {
        return zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    public static String createPersistent(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        return createPersistent(zk, path, new byte[0]);
    }

    /** Asserts that {@code call} throws a KeeperException with exactly {@code expected} as its code. */
    public static KeeperException assertCode(KeeperException.Code expected, Executable call) {
        KeeperException e = assertThrows(KeeperException.class, call);
        assertEquals(expected, e.code(), () -> "unexpected code: " + e);
        return e;
    }
}
