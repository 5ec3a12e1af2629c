package io.corral.bench.workload;

import io.corral.bench.driver.LatencyStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * One round of the watch fan-out: every watcher session sets a data watch on the node, one setData fires them
 * all, and each watcher's event time is compared with the setData's acknowledgement (and with its sending).
 *
 * <p>Event times are written by the watchers' event threads; the round's latches order those writes before
 * the driver reads them. A round has its own Watcher objects, so a late event of an earlier round cannot be
 * mistaken for one of this round.
 */
final class WatchRound {

    private final String path;
    private final int watchers;
    private final AtomicLongArray eventNs;
    private final CountDownLatch armed;
    private final CountDownLatch fired;
    private final CountDownLatch acked = new CountDownLatch(1);
    private final AtomicInteger armErrors = new AtomicInteger();
    private volatile long sendNs;
    private volatile long ackNs;
    private volatile int ackCode = Integer.MIN_VALUE;

    WatchRound(String path, int watchers) {
        this.path = path;
        this.watchers = watchers;
        this.eventNs = new AtomicLongArray(watchers);
        this.armed = new CountDownLatch(watchers);
        this.fired = new CountDownLatch(watchers);
    }

    /** Sets one data watch per session; true once every getData has been answered successfully in time. */
    boolean arm(List<ZooKeeper> sessions, Duration limit) throws InterruptedException {
        for (int i = 0; i < watchers; i++) {
            sessions.get(i).getData(path, watcherFor(i), (rc, p, ctx, data, stat) -> {
                if (rc != KeeperException.Code.OK.intValue()) {
                    armErrors.incrementAndGet();
                }
                armed.countDown();
            }, null);
        }
        return armed.await(limit.toMillis(), TimeUnit.MILLISECONDS) && armErrors.get() == 0;
    }

    /** Sends the setData and waits for its acknowledgement and for every watcher's event, within the bound. */
    boolean fire(ZooKeeper writer, byte[] payload, Duration limit) throws InterruptedException {
        long deadlineNs = System.nanoTime() + limit.toNanos();
        sendNs = System.nanoTime();
        writer.setData(path, payload, -1, (rc, p, ctx, stat) -> {
            ackNs = System.nanoTime();
            ackCode = rc;
            acked.countDown();
        }, null);
        boolean ack = acked.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        boolean all = fired.await(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        return ack && ackCode == KeeperException.Code.OK.intValue() && all;
    }

    /**
     * Adds this round's events to the histograms; returns how many events arrived before the acknowledgement
     * (possible: a server may queue the notifications before the reply). Those count as zero after the ack.
     */
    int record(LatencyStats fromAck, LatencyStats fromSend) {
        int early = 0;
        for (int i = 0; i < watchers; i++) {
            long at = eventNs.get(i);
            if (at == 0 || ackNs == 0) {
                fromAck.recordError(-1);
                fromSend.recordError(-1);
                continue;
            }
            if (at - ackNs < 0) {
                early++;
            }
            fromAck.recordMicros(Math.max(0, at - ackNs) / 1000);
            fromSend.recordMicros((at - sendNs) / 1000);
        }
        return early;
    }

    private Watcher watcherFor(int index) {
        return event -> {
            if (event.getType() == Watcher.Event.EventType.NodeDataChanged
                    && eventNs.compareAndSet(index, 0, System.nanoTime())) {
                fired.countDown();
            }
        };
    }
}
