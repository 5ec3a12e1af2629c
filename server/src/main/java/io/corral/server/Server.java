package io.corral.server;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.config.ServerConfig;
import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import io.corral.server.monitor.CommandRegistry;
import io.corral.server.monitor.ConnectionSource;
import io.corral.server.monitor.FourLetterWordService;
import io.corral.server.monitor.InstrumentedBackend;
import io.corral.server.monitor.ManagementExtensions;
import io.corral.server.monitor.ManagementView;
import io.corral.server.monitor.MonitorContext;
import io.corral.server.monitor.ServerGauges;
import io.corral.server.monitor.ServerMetrics;
import io.corral.server.monitor.ServerStats;
import io.corral.server.net.FourLetterWords;
import io.corral.server.net.NioServer;
import io.corral.server.persist.Recovery;
import io.corral.server.pipeline.Pipeline;
import io.corral.server.time.Clock;
import io.corral.server.zab.runtime.RuntimeReplicator;
import io.corral.server.zab.runtime.ZabRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: builds a standalone server from its config and starts and stops its parts in order. */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Standalone servers stamp session ids with server id 1, as ZooKeeper does. */
    private static final long STANDALONE_SERVER_ID = 1;

    private final ServerConfig config;
    private final Clock clock;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ServerStats stats = new ServerStats(metrics);
    private PersistenceBackend backend;
    private Pipeline pipeline;
    /** The ensemble side; null for a standalone server. */
    private ZabRuntime runtime;
    private volatile NioServer net;
    /** The network layer as monitoring sees it; null until it is up. */
    private volatile ConnectionSource connections;
    private MonitorContext monitor;
    private FourLetterWordService fourLetterWords;
    private ServerView view;
    private ManagementExtensions extensions;
    private ScheduledExecutorService ticker;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    public Server(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void start() throws IOException {
        boolean replicated = !config.isStandalone();
        InstrumentedBackend instrumented = new InstrumentedBackend(openPersistence(), metrics, clock);
        backend = instrumented;
        EnsembleMember.Tail tail = new EnsembleMember.Tail(replicated ? EnsembleMember.historyEntries(config) : 1);
        Recovery.Recovered recovered = Recovery.recover(backend, config.extendedTypesEnabled(), config.tickTimeMs(),
                clock, replicated ? tail : e -> { });
        AuthRegistry auth = AuthRegistry.load(config.auth(), config.settings(), Server.class.getClassLoader());
        if (replicated) {
            RuntimeReplicator replicator = new RuntimeReplicator();
            pipeline = new Pipeline(config, config.quorum().myId(), clock, backend, recovered, auth, stats, replicator);
            runtime = EnsembleMember.build(config, backend, tail.history(recovered.snapshotZxid()), pipeline.replica(),
                    clock);
            replicator.bind(runtime);
        } else {
            pipeline = new Pipeline(config, STANDALONE_SERVER_ID, clock, backend, recovered, auth, stats);
        }
        pipeline.start();
        if (recovered.replayedAnything()) {
            pipeline.snapshotNow();
        }
        CommandRegistry commands = CommandRegistry.standard();
        Supplier<EnsembleView> ensemble = runtime == null ? () -> null
                : EnsembleMonitoring.view(config, runtime, this::clientPort);
        monitor = new MonitorContext(config, clock, stats, instrumented, pipeline, auth, this::role, ensemble,
                () -> connections, this::clientPort);
        ServerGauges.register(metrics, monitor);
        if (runtime != null) {
            EnsembleMonitoring.registerGauges(metrics, config.quorum(), runtime, clock);
        }
        fourLetterWords = new FourLetterWordService(commands, monitor);
        int selectors = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        net = new NioServer(config, pipeline, stats, new FourLetterWords(fourLetterWords), clock::monotonicMs, selectors);
        connections = connectionSource(net);
        NioServer started = net;
        pipeline.clientDropper(() -> started.closeAllConnections("this server's role in the ensemble changed"));
        net.start();
        monitor.serving(true);
        if (runtime != null) {
            runtime.start();
        }
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
        // The node and watch gauges read counts the pipeline refreshes once a second.
        ticker.scheduleAtFixedRate(monitor::refreshCountsLater, 0, 1, TimeUnit.SECONDS);
        view = new ManagementView(commands, monitor);
        extensions = ManagementExtensions.start(view, config.settings(), Server.class.getClassLoader());
        LOG.info("Corral {} started: {}, tickTime {} ms, session timeouts [{}, {}] ms, persistence '{}'",
                MonitorContext.VERSION, replicated ? "server " + config.quorum().myId() + " of an ensemble of "
                        + config.quorum().members().size() : "standalone", config.tickTimeMs(), config.minSessionTimeoutMs(),
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
            if (monitor != null) {
                monitor.serving(false);
            }
            if (extensions != null) {
                extensions.stop();
            }
            if (ticker != null) {
                ticker.shutdownNow();
            }
            if (runtime != null) {
                runtime.stop();
            }
            if (net != null) {
                net.stop();
            }
            if (fourLetterWords != null) {
                fourLetterWords.stop();
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

    /** srvr's Mode: standalone, or leader / follower / observer while this ensemble member serves. */
    private String role() {
        if (runtime == null) {
            return "standalone";
        }
        return switch (runtime.role()) {
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            default -> "looking";
        };
    }

    /** The bound client port (the configured one before the network layer is up). */
    public int clientPort() {
        NioServer n = net;
        return n == null ? config.clientPort() : n.port();
    }

    /** The read-only view management extensions get (null before {@link #start()}). */
    public ServerView view() {
        return view;
    }

    /** The network layer as monitoring sees it. */
    private static ConnectionSource connectionSource(NioServer n) {
        return new ConnectionSource() {
            @Override
            public List<ConnectionSummary> connections() {
                return n.connectionSummaries();
            }

            @Override
            public int connectionCount() {
                return n.connectionCount();
            }

            @Override
            public boolean close(long connectionId) {
                return n.closeConnection(connectionId);
            }

            @Override
            public boolean resetStats(long connectionId) {
                return n.resetConnectionStats(connectionId);
            }

            @Override
            public void resetAllStats() {
                n.resetAllConnectionStats();
            }
        };
    }
}
