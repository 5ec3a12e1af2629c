package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.ServerProcess;

/** Curator 5.7.1 recipes, each participant with its own CuratorFramework (its own session). */
class CuratorRecipesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ServerProcess server;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(CuratorRecipesTest.class).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "worker threads finished");
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private CuratorFramework newClient() throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(server.connectString())
                .sessionTimeoutMs(15_000)
                .connectionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 5))
                .build();
        toClose.add(client);
        client.start();
        assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS), "curator client connected");
        return client;
    }

    private <T> T track(T closeable) {
        toClose.add((AutoCloseable) closeable);
        return closeable;
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        pool = Executors.newFixedThreadPool(tasks.size());
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(120, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void interProcessMutexAdmitsOneHolderAtATime() throws Exception {
        int clients = 8;
        int rounds = 5;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            CuratorFramework client = newClient();
            InterProcessMutex mutex = new InterProcessMutex(client, "/recipes/mutex");
            int id = c;
            tasks.add(() -> {
                assertTrue(go.await(30, TimeUnit.SECONDS));
                int mine = 0;
                for (int r = 0; r < rounds; r++) {
                    assertTrue(mutex.acquire(60, TimeUnit.SECONDS), "acquired within the bound");
                    try {
                        int now = holders.incrementAndGet();
                        maxHolders.accumulateAndGet(now, Math::max);
                        // do some real work against the server while holding the lock
                        client.create().creatingParentsIfNeeded().forPath("/recipes/mutex-work/" + id + "-" + r);
                        assertEquals(1, holders.get(), "nobody else entered meanwhile");
                        holders.decrementAndGet();
                        mine++;
                        acquisitions.incrementAndGet();
                    } finally {
                        mutex.release();
                    }
                }
                return mine;
            });
        }
        pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> t : tasks) {
            futures.add(pool.submit(t));
        }
        go.countDown();
        for (Future<Integer> f : futures) {
            assertEquals(rounds, f.get(120, TimeUnit.SECONDS));
        }
        assertEquals(1, maxHolders.get(), "never more than one holder");
        assertEquals(clients * rounds, acquisitions.get());
        CuratorFramework check = newClient();
        assertEquals(clients * rounds, check.getChildren().forPath("/recipes/mutex-work").size());
        assertTrue(check.getChildren().forPath("/recipes/mutex").isEmpty(), "all lock nodes released");
    }

    @Test
    void leaderLatchElectsExactlyOneLeaderAndFailsOver() throws Exception {
        List<LeaderLatch> latches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LeaderLatch latch = new LeaderLatch(newClient(), "/recipes/leader", "p" + i);
            latches.add(track(latch));
            latch.start();
        }
        List<LeaderLatch> remaining = new ArrayList<>(latches);
        for (int round = 0; round < 3; round++) {
            await("exactly one leader").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> remaining.stream().filter(LeaderLatch::hasLeadership).count() == 1);
            LeaderLatch leader = remaining.stream().filter(LeaderLatch::hasLeadership).findFirst().orElseThrow();
            for (LeaderLatch l : remaining) {
                assertEquals(leader.getId(), l.getLeader().getId(), "everyone agrees on the leader");
            }
            remaining.remove(leader);
            leader.close();
            await("a new leader takes over").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> remaining.stream().filter(LeaderLatch::hasLeadership).count() == 1);
            LeaderLatch next = remaining.stream().filter(LeaderLatch::hasLeadership).findFirst().orElseThrow();
            assertNotEquals(leader.getId(), next.getId());
        }
    }

    @Test
    void distributedQueueDeliversEveryItemInOrder() throws Exception {
        QueueSerializer<String> serializer = new QueueSerializer<>() {
            @Override
            public byte[] serialize(String item) {
                return item.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String deserialize(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
        BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
        QueueConsumer<String> consumer = new QueueConsumer<>() {
            @Override
            public void consumeMessage(String message) {
                consumed.add(message);
            }

            @Override
            public void stateChanged(CuratorFramework client, ConnectionState newState) {
            }
        };
        DistributedQueue<String> consumerQueue = track(QueueBuilder.builder(newClient(), consumer, serializer, "/recipes/queue").buildQueue());
        consumerQueue.start();
        DistributedQueue<String> producerQueue = track(QueueBuilder.builder(newClient(), null, serializer, "/recipes/queue").buildQueue());
        producerQueue.start();

        int items = 50;
        for (int i = 0; i < items; i++) {
            producerQueue.put(String.format("item-%03d", i));
        }
        for (int i = 0; i < items; i++) {
            String item = consumed.poll(30, TimeUnit.SECONDS);
            assertEquals(String.format("item-%03d", i), item, "item " + i + " in order");
        }
        CuratorFramework check = newClient();
        await("queue drained").atMost(WAIT).until(() -> check.getChildren().forPath("/recipes/queue").isEmpty());
        assertNull(consumed.poll(), "no duplicates");
    }

    @Test
    void distributedAtomicLongSumsConcurrentIncrements() throws Exception {
        int clients = 4;
        int increments = 25;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            DistributedAtomicLong counter = new DistributedAtomicLong(newClient(), "/recipes/counter", new RetryNTimes(200, 1));
            tasks.add(() -> {
                int done = 0;
                for (int i = 0; i < increments; i++) {
                    AtomicValue<Long> value = null;
                    for (int attempt = 0; attempt < 50 && (value == null || !value.succeeded()); attempt++) {
                        value = counter.increment();
                    }
                    assertTrue(value.succeeded(), "increment succeeded within the bounded retries");
                    assertEquals(value.preValue() + 1, value.postValue());
                    done++;
                }
                return done;
            });
        }
        assertEquals(List.of(increments, increments, increments, increments), runAll(tasks));
        DistributedAtomicLong reader = new DistributedAtomicLong(newClient(), "/recipes/counter", new RetryNTimes(3, 1));
        AtomicValue<Long> total = reader.get();
        assertTrue(total.succeeded());
        assertEquals((long) clients * increments, total.postValue());
    }

    @Test
    void distributedDoubleBarrierLetsMembersEnterAndLeaveTogether() throws Exception {
        int members = 4;
        AtomicInteger arrived = new AtomicInteger();
        AtomicInteger leaving = new AtomicInteger();
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(newClient(), "/recipes/barrier", members);
            tasks.add(() -> {
                arrived.incrementAndGet();
                assertTrue(barrier.enter(60, TimeUnit.SECONDS), "entered");
                int arrivedWhenEntered = arrived.get();
                leaving.incrementAndGet();
                assertTrue(barrier.leave(60, TimeUnit.SECONDS), "left");
                int leavingWhenLeft = leaving.get();
                return new int[] {arrivedWhenEntered, leavingWhenLeft};
            });
        }
        for (int[] r : runAll(tasks)) {
            assertEquals(members, r[0], "nobody entered before everyone arrived");
            assertEquals(members, r[1], "nobody left before everyone was leaving");
        }
    }

    @Test
    void curatorCacheSeesCreatesUpdatesAndDeletes() throws Exception {
        CuratorFramework writer = newClient();
        writer.create().forPath("/recipes-cache", new byte[0]);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch initialized = new CountDownLatch(1);
        CuratorCache cache = track(CuratorCache.build(newClient(), "/recipes-cache"));
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(node -> seen.add("create " + node.getPath() + " " + new String(node.getData(), StandardCharsets.UTF_8)))
                .forChanges((before, after) -> seen.add("change " + after.getPath() + " " + new String(after.getData(), StandardCharsets.UTF_8)))
                .forDeletes(node -> seen.add("delete " + node.getPath()))
                .forInitialized(initialized::countDown)
                .build());
        cache.start();
        assertTrue(initialized.await(30, TimeUnit.SECONDS));
        assertEquals("create /recipes-cache ", seen.poll(30, TimeUnit.SECONDS), "the initial node");

        writer.create().forPath("/recipes-cache/a", "1".getBytes(StandardCharsets.UTF_8));
        assertEquals("create /recipes-cache/a 1", seen.poll(30, TimeUnit.SECONDS));
        writer.setData().forPath("/recipes-cache/a", "2".getBytes(StandardCharsets.UTF_8));
        assertEquals("change /recipes-cache/a 2", seen.poll(30, TimeUnit.SECONDS));
        writer.create().forPath("/recipes-cache/a/deep", "d".getBytes(StandardCharsets.UTF_8));
        assertEquals("create /recipes-cache/a/deep d", seen.poll(30, TimeUnit.SECONDS));
        writer.delete().forPath("/recipes-cache/a/deep");
        assertEquals("delete /recipes-cache/a/deep", seen.poll(30, TimeUnit.SECONDS));
        writer.delete().forPath("/recipes-cache/a");
        assertEquals("delete /recipes-cache/a", seen.poll(30, TimeUnit.SECONDS));
        assertTrue(cache.get("/recipes-cache/a").isEmpty());
        assertEquals(1, cache.size());
    }
}
