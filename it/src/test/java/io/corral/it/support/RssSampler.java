package io.corral.it.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a server's resident set size while a piece of test code runs. */
public final class RssSampler {

    private RssSampler() {
    }

    /** Something to run while sampling. */
    public interface Body {
        void run() throws Exception;
    }

    /** Samples {@code server}'s RSS every 100 ms while running {@code body}; returns the highest sample in kB. */
    public static long peakRssDuring(ServerProcess server, Body body) throws Exception {
        AtomicLong peak = new AtomicLong(server.rssKb());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                peak.accumulateAndGet(server.rssKb(), Math::max);
            } catch (RuntimeException ignored) {
                // process gone: the caller's assertions will say so
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            body.run();
        } finally {
            sampler.shutdownNow();
            if (!sampler.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RSS sampler did not stop");
            }
        }
        if (server.isAlive()) {
            peak.accumulateAndGet(server.rssKb(), Math::max);
        }
        return peak.get();
    }
}
