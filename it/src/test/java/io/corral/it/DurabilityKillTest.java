package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.TcpProxy;
import io.corral.it.support.TxnLogFile;
import io.corral.it.support.Zk;

/**
 * Crash durability: in each of {@value #ROUNDS} rounds, {@value #CLIENTS} clients pipeline creates (and some
 * setData) into the durable store until the server is killed with SIGKILL at a random moment; after a restart on
 * the same data every acknowledged write must be there, and nothing that was never attempted.
 *
 * <p>Per parent {@code /d/r<round>}: acked creates ⊆ children ⊆ attempted creates, and once a round has been
 * verified its children never change again. Per node: the data is the create's data or one of the setData values
 * attempted on it, never older than the last acknowledged one. Only the client that created a node writes it
 * later, so its writes apply in the order they were issued. Seeded with {@code -Dit.seed=<n>} (printed).
 */
class DurabilityKillTest {

    private static final int ROUNDS = 20;
    private static final int CLIENTS = 8;
    private static final int WINDOW = 50;
    private static final int MAX_OPS_PER_CLIENT_PER_ROUND = 3_000;
    private static final int SET_DATA_ONE_IN = 5;
    private static final int SNAP_COUNT = 200;
    private static final int KILL_MIN_MS = 50;
    private static final int KILL_MAX_MS = 500;
    private static final Duration BOUND = Duration.ofSeconds(30);

    /** Everything attempted on one path over all rounds. */
    private static final class NodeHistory {
        final String path;
        /** values.get(0) is the create's data (the path bytes); values.get(i) for i > 0 is "path#i". Guarded by this. */
        final List<byte[]> values = new ArrayList<>();
        /** Highest acknowledged index into values, -1 if nothing was acknowledged. Guarded by this. */
        int lastAcked = -1;
        /** Guarded by this. */
        boolean createAcked;

        NodeHistory(String path) {
            this.path = path;
            values.add(path.getBytes(StandardCharsets.UTF_8));
        }

        synchronized int nextValue() {
            values.add((path + "#" + values.size()).getBytes(StandardCharsets.UTF_8));
            return values.size() - 1;
        }

        synchronized boolean createAcked() {
            return createAcked;
        }

        /** Whether setData was ever sent to this node. */
        synchronized boolean written() {
            return values.size() > 1;
        }

        synchronized byte[] value(int index) {
            return values.get(index);
        }

        synchronized void acked(int index) {
            if (index == 0) {
                createAcked = true;
            }
            lastAcked = Math.max(lastAcked, index);
        }

        /** Null if {@code data} is allowed, else what is wrong with it. */
        synchronized String check(byte[] data) {
            int from = Math.max(lastAcked, 0);
            for (int i = from; i < values.size(); i++) {
                if (Arrays.equals(values.get(i), data)) {
                    return null;
                }
            }
            for (int i = 0; i < from; i++) {
                if (Arrays.equals(values.get(i), data)) {
                    return "holds value #" + i + " but #" + lastAcked + " was acknowledged (rolled back)";
                }
            }
            return "holds data that was never written: "
                    + (data == null ? "null" : "'" + new String(data, StandardCharsets.UTF_8) + "'")
                    + " (attempted values 0.." + (values.size() - 1) + ", last acked #" + lastAcked + ")";
        }
    }

    /** One load client of one round. */
    private final class Loader {
        final int client;
        final String parent;
        final ZooKeeper zk;
        final EventRecorder events;
        final Random random;
        final Semaphore window = new Semaphore(WINDOW);
        final Set<String> attemptedCreates = ConcurrentHashMap.newKeySet();
        final AtomicInteger creates = new AtomicInteger();
        final AtomicInteger setDatas = new AtomicInteger();
        final AtomicInteger ackedCreates = new AtomicInteger();
        final AtomicInteger ackedSetDatas = new AtomicInteger();

        Loader(int client, String parent, ZooKeeper zk, EventRecorder events, long seed) {
            this.client = client;
            this.parent = parent;
            this.zk = zk;
            this.events = events;
            this.random = new Random(seed);
        }

        Void run(CountDownLatch go, AtomicBoolean stop) throws InterruptedException {
            if (!go.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("load never started");
            }
            List<String> mine = ackedByClient.get(client);
            int n = 0;
            for (int ops = 0; ops < MAX_OPS_PER_CLIENT_PER_ROUND && !stop.get(); ) {
                if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (stop.get()) {
                    window.release();
                    break;
                }
                ops++;
                String target = null;
                if (random.nextInt(SET_DATA_ONE_IN) == 0) {
                    synchronized (mine) {
                        if (!mine.isEmpty()) {
                            target = mine.get(random.nextInt(mine.size()));
                        }
                    }
                }
                if (target != null) {
                    NodeHistory h = nodes.get(target);
                    int index = h.nextValue();
                    setDatas.incrementAndGet();
                    zk.setData(target, h.value(index), -1, (rc, path, ctx, stat) -> {
                        if (rc == KeeperException.Code.OK.intValue()) {
                            h.acked(index);
                            ackedSetDatas.incrementAndGet();
                        }
                        window.release();
                    }, null);
                } else {
                    String path = parent + "/c" + client + "-" + n++;
                    NodeHistory h = new NodeHistory(path);
                    nodes.put(path, h);
                    attemptedCreates.add(path);
                    creates.incrementAndGet();
                    zk.create(path, h.value(0), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, p, ctx, name) -> {
                        if (rc == KeeperException.Code.OK.intValue()) {
                            h.acked(0);
                            ackedCreates.incrementAndGet();
                            synchronized (mine) {
                                mine.add(p);
                            }
                        }
                        window.release();
                    }, null);
                }
            }
            return null;
        }
    }

    private static ServerProcess server;
    private static ExecutorService pool;
    private static ScheduledExecutorService scheduler;

    private final Map<String, NodeHistory> nodes = new ConcurrentHashMap<>();
    private final List<List<String>> ackedByClient = new ArrayList<>();
    /** Per round: the creates attempted under its parent. */
    private final List<Set<String>> attemptedByRound = new ArrayList<>();
    /** Per verified round: its children as first seen after the crash; they must never change. */
    private final List<Set<String>> presentByRound = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(DurabilityKillTest.class).durable().snapCount(SNAP_COUNT).preAllocSizeKb(256)
                .separateDataLogDir().start();
        pool = Executors.newFixedThreadPool(CLIENTS);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKill9AndNothingUnattemptedAppears() throws Exception {
        long seed = Long.getLong("it.seed", System.nanoTime());
        System.out.println("DurabilityKillTest seed " + seed + " (rerun with -Dit.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int c = 0; c < CLIENTS; c++) {
            ackedByClient.add(Collections.synchronizedList(new ArrayList<>()));
        }
        ZooKeeper admin = Zk.connect(server.connectString());
        try {
            Zk.createPersistent(admin, "/d");
        } finally {
            Zk.closeQuietly(admin);
        }

        int totalAckedCreates = 0;
        int totalAckedSetData = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String parent = "/d/r" + round;
            admin = Zk.connect(server.connectString());
            try {
                Zk.createPersistent(admin, parent);
            } finally {
                Zk.closeQuietly(admin);
            }

            List<Loader> loaders = new ArrayList<>();
            // The load clients go through a proxy that refuses them once the server is dead, so that none of them
            // can reconnect to the restarted server (and send it requests queued after the kill) while closing.
            TcpProxy proxy = TcpProxy.inFrontOf(server);
            try {
                long t0 = System.nanoTime();
                List<Future<Loader>> connecting = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    long clientSeed = random.nextLong();
                    connecting.add(pool.submit(() -> {
                        EventRecorder events = new EventRecorder("load-" + parent + "-" + client);
                        return new Loader(client, parent, Zk.connect(proxy.connectString(), 15_000, events), events,
                                clientSeed);
                    }));
                }
                for (Future<Loader> f : connecting) {
                    loaders.add(f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
                }
                CountDownLatch go = new CountDownLatch(1);
                AtomicBoolean stopFlag = new AtomicBoolean();
                List<Future<Void>> running = new ArrayList<>();
                for (Loader l : loaders) {
                    running.add(pool.submit(() -> l.run(go, stopFlag)));
                }
                int killAfterMs = KILL_MIN_MS + random.nextInt(KILL_MAX_MS - KILL_MIN_MS + 1);
                AtomicLong killedAtNanos = new AtomicLong();
                long loadStart = System.nanoTime();
                go.countDown();
                ScheduledFuture<Void> kill = scheduler.schedule(() -> {
                    server.kill9();
                    killedAtNanos.set(System.nanoTime());
                    proxy.setRefusing(true);
                    stopFlag.set(true);
                    return null;
                }, killAfterMs, TimeUnit.MILLISECONDS);
                kill.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                for (Future<Void> f : running) {
                    f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                }
                // Every reply the server sent before it died is read before the client notices the closed socket.
                for (Loader l : loaders) {
                    l.events.awaitState(KeeperState.Disconnected, BOUND);
                }
                long t1 = System.nanoTime();
                // Closing a client that cannot reach its server takes up to a second (its reconnect back-off), and
                // fails whatever it still has queued with ConnectionLoss: close them all while the server restarts.
                List<Future<?>> closing = new ArrayList<>();
                for (Loader l : loaders) {
                    closing.add(pool.submit(() -> Zk.closeQuietly(l.zk)));
                }
                server.restart();
                long restartMs = (System.nanoTime() - t1) / 1_000_000;
                for (Future<?> f : closing) {
                    f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                }
                for (Loader l : loaders) {
                    await("client " + l.client + " has no request outstanding").atMost(BOUND)
                            .pollInterval(Duration.ofMillis(10)).until(() -> l.window.availablePermits() == WINDOW);
                }
                Set<String> attempted = new HashSet<>();
                int creates = 0;
                int setDatas = 0;
                int ackedCreates = 0;
                int ackedSetDatas = 0;
                for (Loader l : loaders) {
                    attempted.addAll(l.attemptedCreates);
                    creates += l.creates.get();
                    setDatas += l.setDatas.get();
                    ackedCreates += l.ackedCreates.get();
                    ackedSetDatas += l.ackedSetDatas.get();
                }
                attemptedByRound.add(attempted);
                totalAckedCreates += ackedCreates;
                totalAckedSetData += ackedSetDatas;

                long t2 = System.nanoTime();
                int present = verify(round, round == ROUNDS - 1);
                long t3 = System.nanoTime();
                System.out.printf("round %2d: kill -9 after %3d ms (planned %3d); creates %5d attempted, %5d acked, "
                                + "%5d present; setData %4d attempted, %4d acked; connect+load %4d ms, restart %4d ms, "
                                + "verify %4d ms; %d log files, %d snapshots%n",
                        round, (killedAtNanos.get() - loadStart) / 1_000_000, killAfterMs, creates, ackedCreates,
                        present, setDatas, ackedSetDatas, (t1 - t0) / 1_000_000, restartMs, (t3 - t2) / 1_000_000,
                        TxnLogFile.logs(server.txnLogDir()).size(), TxnLogFile.snapshots(server.snapshotDir()).size());
            } finally {
                for (Loader l : loaders) {
                    Zk.closeQuietly(l.zk);
                }
                proxy.close();
            }
        }
        System.out.println("DurabilityKillTest: " + totalAckedCreates + " acknowledged creates and " + totalAckedSetData
                + " acknowledged setData over " + ROUNDS + " kills");
        assertTrue(totalAckedCreates > 0, "no create was ever acknowledged: the test proved nothing");
        assertTrue(TxnLogFile.logs(server.txnLogDir()).size() >= 2,
                () -> "expected the log to have rolled (snapCount=" + SNAP_COUNT + ")");
        assertTrue(TxnLogFile.snapshots(server.snapshotDir()).size() >= 2,
                () -> "expected snapshots to have been taken (snapCount=" + SNAP_COUNT + ")");
    }

    /**
     * Checks every round so far: the children of every parent, and the data of this round's nodes and of every node
     * that setData was ever sent to (all nodes when {@code allData}; the others were checked in their own round and
     * nothing writes them since). Returns the number of nodes under the parent of {@code round}.
     */
    private int verify(int round, boolean allData) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        try {
            List<String> problems = new ArrayList<>();
            List<String> toRead = new ArrayList<>();
            int presentNow = 0;
            for (int r = 0; r <= round; r++) {
                String parent = "/d/r" + r;
                Set<String> present = new TreeSet<>();
                for (String child : zk.getChildren(parent, false)) {
                    present.add(parent + "/" + child);
                }
                Set<String> attempted = attemptedByRound.get(r);
                for (String p : present) {
                    if (!attempted.contains(p)) {
                        problems.add("present but never attempted: " + p);
                    }
                }
                for (String p : attempted) {
                    if (nodes.get(p).createAcked() && !present.contains(p)) {
                        problems.add("create acknowledged but missing after kill -9: " + p);
                    }
                }
                if (r < round) {
                    Set<String> before = presentByRound.get(r);
                    if (!before.equals(present)) {
                        Set<String> lost = new TreeSet<>(before);
                        lost.removeAll(present);
                        Set<String> appeared = new TreeSet<>(present);
                        appeared.removeAll(before);
                        problems.add(parent + " changed since it was verified: lost " + first(lost, 10)
                                + ", appeared " + first(appeared, 10));
                    }
                } else {
                    presentByRound.add(present);
                    presentNow = present.size();
                }
                for (String p : present) {
                    if (allData || r == round || nodes.get(p).written()) {
                        toRead.add(p);
                    }
                }
            }
            Map<String, byte[]> data = readAll(zk, toRead);
            for (String p : toRead) {
                if (!data.containsKey(p)) {
                    problems.add("listed as a child but getData says NoNode: " + p);
                    continue;
                }
                String wrong = nodes.get(p).check(data.get(p));
                if (wrong != null) {
                    problems.add(p + " " + wrong);
                }
            }
            if (!problems.isEmpty()) {
                fail("after kill -9 in round " + round + ", " + problems.size() + " problems (server log "
                        + server.logFile() + "):\n  " + String.join("\n  ", first(problems, 40)));
            }
            return presentNow;
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    /** getData of every path, pipelined; absent (NoNode) paths are left out of the result. */
    private static Map<String, byte[]> readAll(ZooKeeper zk, List<String> paths) throws InterruptedException {
        Map<String, byte[]> out = new ConcurrentHashMap<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        Semaphore window = new Semaphore(500);
        CountDownLatch done = new CountDownLatch(paths.size());
        for (String p : paths) {
            if (!window.tryAcquire(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("getData replies stopped coming");
            }
            zk.getData(p, false, (rc, path, ctx, data, stat) -> {
                if (rc == KeeperException.Code.OK.intValue()) {
                    out.put(path, data == null ? new byte[0] : data);
                } else if (rc != KeeperException.Code.NONODE.intValue()) {
                    errors.put(path, rc);
                }
                window.release();
                done.countDown();
            }, null);
        }
        assertTrue(done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "getData replies did not all arrive");
        assertEquals(Map.of(), new HashMap<>(errors), "getData failed");
        return out;
    }

    private static <T> List<T> first(Collection<T> items, int n) {
        List<T> out = new ArrayList<>();
        for (T t : items) {
            if (out.size() == n) {
                break;
            }
            out.add(t);
        }
        return out;
    }
}
