package io.corral.bench.workload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Watches a parent until a read shows it without children: after each NodeChildrenChanged it reads the children
 * again with a new watch, so the last deletion always leads to one more read, which sees the parent empty.
 * Events and read callbacks run on the observer session's event thread.
 */
final class EmptyWatch implements Watcher, AsyncCallback.ChildrenCallback {

    private final ZooKeeper zk;
    private final String path;
    private final CountDownLatch empty = new CountDownLatch(1);
    private volatile long emptyNs;
    private volatile int lastCount = -1;

    EmptyWatch(ZooKeeper zk, String path) {
        this.zk = zk;
        this.path = path;
    }

    /** Reads the children once with a watch set; returns how many there are now. */
    int arm() throws KeeperException, InterruptedException {
        lastCount = zk.getChildren(path, this).size();
        return lastCount;
    }

    /** The System.nanoTime() at which a read first returned no children, or -1 if none did within the bound. */
    long awaitEmpty(Duration limit) throws InterruptedException {
        return empty.await(limit.toMillis(), TimeUnit.MILLISECONDS) ? emptyNs : -1;
    }

    /** Children seen by the latest read (for the timeout message). */
    int lastCount() {
        return lastCount;
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == Event.EventType.NodeChildrenChanged) {
            zk.getChildren(path, this, this, null);
        }
    }

    @Override
    public void processResult(int rc, String p, Object ctx, List<String> children) {
        if (rc != KeeperException.Code.OK.intValue()) {
            return;
        }
        lastCount = children.size();
        if (children.isEmpty() && empty.getCount() > 0) {
            emptyNs = System.nanoTime();
            empty.countDown();
        }
    }
}
