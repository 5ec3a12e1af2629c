package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryUntilElapsed;
import org.junit.jupiter.api.Test;

/**
 * Curator recipes across a failover: four clients take turns on an {@link InterProcessMutex} and three take part in a
 * {@link LeaderLatch}, each with its own session (15 s, longer than the failover takes, so no session expires) on a
 * connect string naming all three servers; the ZAB leader is killed ({@code kill -9}) part way. Never two lock
 * holders at once (counted in this JVM inside the lock), never two latch leaders at a sampled moment, and both
 * recipes work again after the failover.
 */
class EnsembleRecipesFailoverTest {

    private static final int SESSION_TIMEOUT_MS = 15_000;
    private static final int LOCKERS = 4;
    private static final int LATCHES = 3;
    /** Lock acquisitions before the kill, and acquisitions begun after it. */
    private static final int ACQUISITIONS_PER_PHASE = 20;
    private static final Duration ELECTION = Duration.ofSeconds(60);

    @Test
    void locksAndLatchesStayExclusiveAndWorkAgainAfterTheLeadersKill9() throws Exception {
        try (Ensemble ensemble = Ensemble.builder(EnsembleRecipesFailoverTest.class)
                // tickTime 200 caps sessions at 20 ticks (4 s) by default.
                .set("maxSessionTimeout", "30000")
                .start()) {
            int oldLeader = ensemble.awaitLeader(ELECTION);
            List<AutoCloseable> toClose = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(LOCKERS);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            AtomicBoolean stop = new AtomicBoolean();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            AtomicLong killedAtNanos = new AtomicLong(Long.MAX_VALUE);

            AtomicInteger holders = new AtomicInteger();
            AtomicInteger maxHolders = new AtomicInteger();
            AtomicInteger acquisitions = new AtomicInteger();
            AtomicInteger acquisitionsAfterKill = new AtomicInteger();
            AtomicInteger lockTimeouts = new AtomicInteger();
            Map<String, AtomicInteger> lockErrors = new ConcurrentHashMap<>();

            ConcurrentLinkedQueue<String> twoLeaders = new ConcurrentLinkedQueue<>();
            AtomicInteger samples = new AtomicInteger();
            AtomicLong lastLeaderSeenNanos = new AtomicLong();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < LOCKERS; w++) {
                    CuratorFramework client = client(ensemble, toClose);
                    InterProcessMutex mutex = new InterProcessMutex(client, "/recipes/lock");
                    workers.add(pool.submit(() -> {
                        while (!stop.get() && System.nanoTime() < deadline) {
                            long started = System.nanoTime();
                            try {
                                if (!mutex.acquire(5, TimeUnit.SECONDS)) {
                                    lockTimeouts.incrementAndGet();
                                    continue;
                                }
                            } catch (Exception e) {
                                lockErrors.computeIfAbsent("acquire: " + e, k -> new AtomicInteger()).incrementAndGet();
                                continue;
                            }
                            try {
                                int now = holders.incrementAndGet();
                                maxHolders.accumulateAndGet(now, Math::max);
                                // Hold it for a round trip to the server.
                                client.checkExists().forPath("/recipes");
                                holders.decrementAndGet();
                                acquisitions.incrementAndGet();
                                if (started > killedAtNanos.get()) {
                                    acquisitionsAfterKill.incrementAndGet();
                                }
                            } catch (Exception e) {
                                holders.decrementAndGet();
                                lockErrors.computeIfAbsent("holding: " + e, k -> new AtomicInteger()).incrementAndGet();
                            } finally {
                                try {
                                    mutex.release();
                                } catch (Exception e) {
                                    lockErrors.computeIfAbsent("release: " + e, k -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }

                List<LeaderLatch> latches = new ArrayList<>();
                for (int i = 0; i < LATCHES; i++) {
                    LeaderLatch latch = new LeaderLatch(client(ensemble, toClose), "/recipes/latch", "latch-" + i);
                    latch.start();
                    toClose.add(latch);
                    latches.add(latch);
                }
                // Every 2 ms, two reads of every latch; a latch counts as leader only if both reads say so, so that
                // a hand-over between the reads of one pass is not taken for two leaders.
                Runnable sample = () -> {
                    boolean[] first = new boolean[LATCHES];
                    for (int i = 0; i < LATCHES; i++) {
                        first[i] = latches.get(i).hasLeadership();
                    }
                    List<String> leaders = new ArrayList<>();
                    for (int i = 0; i < LATCHES; i++) {
                        if (latches.get(i).hasLeadership() && first[i]) {
                            leaders.add(latches.get(i).getId());
                        }
                    }
                    samples.incrementAndGet();
                    if (leaders.size() > 1) {
                        twoLeaders.add(System.nanoTime() + ": " + leaders);
                    }
                    if (leaders.size() == 1) {
                        lastLeaderSeenNanos.set(System.nanoTime());
                    }
                };
                sampler.scheduleAtFixedRate(sample, 0, 2, TimeUnit.MILLISECONDS);

                await("lock acquisitions and a latch leader before the kill").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20)).until(() -> {
                            failIfDone(workers);
                            return acquisitions.get() >= ACQUISITIONS_PER_PHASE && lastLeaderSeenNanos.get() > 0;
                        });
                killedAtNanos.set(System.nanoTime());
                ensemble.kill9(oldLeader);
                int acquiredAtKill = acquisitions.get();
                int newLeader = ensemble.awaitLeader(ELECTION);
                assertNotEquals(oldLeader, newLeader, ensemble::describe);

                await("lock acquisitions and a latch leader after the failover").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20)).until(() -> {
                            failIfDone(workers);
                            return acquisitionsAfterKill.get() >= ACQUISITIONS_PER_PHASE
                                    && lastLeaderSeenNanos.get() > killedAtNanos.get()
                                    && latches.stream().filter(LeaderLatch::hasLeadership).count() == 1;
                        });
                stop.set(true);
                for (Future<?> w : workers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                System.out.println("EnsembleRecipesFailoverTest: leader " + oldLeader + " killed after "
                        + acquiredAtKill + " acquisitions; " + acquisitions.get() + " in all, "
                        + acquisitionsAfterKill.get() + " after the kill, " + lockTimeouts.get() + " timeouts, errors "
                        + lockErrors + "; " + samples.get() + " latch samples; new leader " + newLeader);
            } finally {
                stop.set(true);
                pool.shutdownNow();
                sampler.shutdownNow();
                boolean ended = pool.awaitTermination(30, TimeUnit.SECONDS)
                        && sampler.awaitTermination(10, TimeUnit.SECONDS);
                for (int i = toClose.size() - 1; i >= 0; i--) {
                    try {
                        toClose.get(i).close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
                assertTrue(ended, "worker threads finished");
            }

            assertEquals(1, maxHolders.get(), "most lock holders at once (counted inside the lock)");
            assertEquals(List.of(), new ArrayList<>(twoLeaders), "samples with two latch leaders at once");
            assertTrue(acquisitionsAfterKill.get() >= ACQUISITIONS_PER_PHASE, "acquisitions after the kill");
        }
    }

    private static CuratorFramework client(Ensemble ensemble, List<AutoCloseable> toClose) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(ensemble.connectString())
                .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(5_000)
                .retryPolicy(new RetryUntilElapsed(20_000, 100))
                .build();
        toClose.add(client);
        client.start();
        assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS), "Curator connects");
        return client;
    }

    private static void failIfDone(List<Future<?>> workers) throws Exception {
        for (Future<?> w : workers) {
            if (w.isDone()) {
                w.get();
                throw new AssertionError("a worker stopped early");
            }
        }
    }
}
