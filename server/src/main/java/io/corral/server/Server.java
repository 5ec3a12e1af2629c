package io.corral.server;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.config.ServerConfig;
import io.corral.server.monitor.MonitorCommands;
import io.corral.server.monitor.ServerStats;
import io.corral.server.monitor.ServerView;
import io.corral.server.net.FourLetterWords;
import io.corral.server.net.NioServer;
import io.corral.server.persist.Recovery;
import io.corral.server.pipeline.Pipeline;
import io.corral.server.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: builds a standalone server from its config and starts and stops its parts in order. */
public final class Server implements ServerView {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Standalone servers stamp session ids with server id 1, as ZooKeeper does. */
    private static final long STANDALONE_SERVER_ID = 1;

    private final ServerConfig config;
    private final Clock clock;
    private final ServerStats stats = new ServerStats();
    private PersistenceBackend backend;
    private Pipeline pipeline;
    private NioServer net;
    private ScheduledExecutorService ticker;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    public Server(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void start() throws IOException {
        if (!config.isStandalone()) {
            throw new IOException("zoo.cfg describes an ensemble (server.N lines), and this version of Corral runs"
                    + " standalone only; remove the server.N lines or keep a single one");
        }
        backend = openPersistence();
        Recovery.Recovered recovered = Recovery.recover(backend, config.extendedTypesEnabled(), config.tickTimeMs(), clock);
        AuthRegistry auth = AuthRegistry.load(config.settings(), Server.class.getClassLoader());
        pipeline = new Pipeline(config, STANDALONE_SERVER_ID, clock, backend, recovered, auth, stats);
        pipeline.start();
        if (recovered.replayedAnything()) {
            pipeline.snapshotNow();
        }
        FourLetterWords words = new FourLetterWords(config, new MonitorCommands(this));
        int selectors = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        net = new NioServer(config, pipeline, stats, words, clock::monotonicMs, selectors);
        net.start();
        long tickMs = Math.min(config.tickTimeMs(), config.containerCheckIntervalMs());
        ticker = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "corral-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(pipeline::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        if (config.purgeIntervalHours() > 0) {
            long everyMs = TimeUnit.HOURS.toMillis(config.purgeIntervalHours());
            ticker.scheduleWithFixedDelay(this::purge, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }
        LOG.info("Corral {} started: standalone, tickTime {} ms, session timeouts [{}, {}] ms, persistence '{}'",
                MonitorCommands.VERSION, config.tickTimeMs(), config.minSessionTimeoutMs(),
                config.maxSessionTimeoutMs(), config.persistenceProvider());
    }

    private PersistenceBackend openPersistence() throws IOException {
        List<String> names = new ArrayList<>();
        for (PersistenceProvider p : ServiceLoader.load(PersistenceProvider.class, Server.class.getClassLoader())) {
            names.add(p.name());
            if (p.name().equals(config.persistenceProvider())) {
                return p.open(new PersistenceContext(config.dataDir(), config.dataLogDir(), config.settings()));
            }
        }
        throw new IOException("No persistence backend named '" + config.persistenceProvider()
                + "' (persistence.provider); available: " + names + ". A backend is a jar in lib/.");
    }

    /** Deletes snapshots and logs beyond autopurge.snapRetainCount; runs on the ticker, off the request path. */
    private void purge() {
        try {
            backend.purge(config.snapRetainCount());
            LOG.info("Purged old snapshots and logs, keeping the newest {}", config.snapRetainCount());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Purge failed: {}", e.getMessage());
        }
    }

    public void stop() {
        try {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            if (net != null) {
                net.stop();
            }
            if (pipeline != null) {
                pipeline.stop();
            }
            if (backend != null) {
                backend.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Closing the persistence backend failed: {}", e.getMessage());
        }
        LOG.info("Corral stopped");
        stopped.countDown();
    }

    /** Blocks until {@link #stop()} has run (every server thread is a daemon; this keeps the JVM up). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public int clientPort() {
        return net.port();
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public long lastZxid() {
        return pipeline.lastZxid();
    }

    @Override
    public int nodeCount() {
        return pipeline.tree().nodeCountAsZooKeeper();
    }

    @Override
    public String mode() {
        return "standalone";
    }

    @Override
    public int connectionCount() {
        return net.connectionCount();
    }

    @Override
    public List<String> connectionLines() {
        return net.connectionLines();
    }
}
