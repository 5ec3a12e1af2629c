package io.corral.server.monitor;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import io.corral.api.management.Caller;
import io.corral.api.management.CommandResult.Outcome;
import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.EnsembleView;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.config.ServerConfig;
import io.corral.server.pipeline.ConnectionState;
import io.corral.server.pipeline.Pipeline;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the monitoring commands read and the few things they do, in one place: the config, the counters,
 * the connections, and the pipeline-owned state, which is read on the pipeline thread through
 * {@link Pipeline#inspect} with a bounded wait so that a stuck pipeline makes a command report "not serving"
 * instead of hanging its caller.
 *
 * <p>Thread-safe. Never called on a selector thread: four-letter words run on the monitor thread.
 */
public final class MonitorContext {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorContext.class);
    /** What srvr's first line says: the ZooKeeper version whose protocol we speak, then ours. */
    public static final String VERSION = "3.9.3-corral-0.1.0-SNAPSHOT, built on 2026-11-21 00:00 UTC";
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";
    /** ZooKeeper's default trace mask (gtmk on a fresh server). */
    static final long DEFAULT_TRACE_MASK = 306;
    private static final long WAIT_MS = 1_000;

    private final ServerConfig config;
    private final Clock clock;
    private final ServerStats stats;
    private final InstrumentedBackend backend;
    private final Pipeline pipeline;
    private final AuthRegistry auth;
    private final Supplier<String> role;
    private final Supplier<EnsembleView> ensemble;
    private final Supplier<ConnectionSource> connections;
    private final IntSupplier clientPort;
    private final long startWallMs;
    private final long startMonotonicMs;
    private volatile boolean serving;
    private volatile long traceMask = DEFAULT_TRACE_MASK;
    private volatile TreeCounts cachedCounts = TreeCounts.EMPTY;
    private volatile String hostName;

    /**
     * @param role        the server's state as srvr's Mode line says it: {@code standalone}, or {@code leader},
     *                    {@code follower}, {@code observer}, {@code looking} on an ensemble member
     * @param ensemble    the ensemble as this member sees it now; answers null on a standalone server
     * @param connections the network layer, once it is up
     */
    public MonitorContext(ServerConfig config, Clock clock, ServerStats stats, InstrumentedBackend backend,
                          Pipeline pipeline, AuthRegistry auth, Supplier<String> role, Supplier<EnsembleView> ensemble,
                          Supplier<ConnectionSource> connections, IntSupplier clientPort) {
        this.config = config;
        this.clock = clock;
        this.stats = stats;
        this.backend = backend;
        this.pipeline = pipeline;
        this.auth = auth;
        this.role = role;
        this.ensemble = ensemble;
        this.connections = connections;
        this.clientPort = clientPort;
        this.startWallMs = clock.wallMs();
        this.startMonotonicMs = clock.monotonicMs();
    }

    // ---- lifecycle ----

    /** Set once the server serves clients, cleared when it starts to stop. */
    public void serving(boolean serving) {
        this.serving = serving;
    }

    public boolean isServing() {
        return serving && pipeline.isRunning() && pipeline.mode() != Pipeline.Mode.NOT_SERVING;
    }

    // ---- plain values ----

    public ServerConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public ServerStats stats() {
        return stats;
    }

    public String version() {
        return VERSION;
    }

    public String serverState() {
        return role.get();
    }

    /** Corral has no read-only mode yet. */
    public boolean isReadOnly() {
        return false;
    }

    public int clientPort() {
        return clientPort.getAsInt();
    }

    /** The ensemble as this member sees it now (at most a tick old), or null on a standalone server. */
    public EnsembleView ensemble() {
        return ensemble.get();
    }

    /** ZooKeeper's serverId: the myid of an ensemble member, 0 on a standalone server. */
    public long serverId() {
        return config.quorum() == null ? 0 : config.quorum().myId();
    }

    public long startWallMs() {
        return startWallMs;
    }

    public long uptimeMs() {
        return clock.monotonicMs() - startMonotonicMs;
    }

    public long lastZxid() {
        return pipeline.lastZxid();
    }

    public long traceMask() {
        return traceMask;
    }

    public void traceMask(long mask) {
        traceMask = mask;
    }

    /** The host name envi prints; looked up once, off the selector threads (it may ask DNS). */
    public String hostName() {
        String h = hostName;
        if (h == null) {
            try {
                h = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.io.IOException e) {
                h = "<NA>";
            }
            hostName = h;
        }
        return h;
    }

    // ---- directories (dirs, conf) ----

    /** Where snapshots are: {@code <dataDir>/version-2}, the directory ZooKeeper's conf and dirs report. */
    public Path snapDir() {
        return config.dataDir().resolve("version-2").toAbsolutePath();
    }

    public Path logDir() {
        return config.dataLogDir().resolve("version-2").toAbsolutePath();
    }

    public long dataDirSize() {
        return sizeOf(snapDir().toFile());
    }

    public long logDirSize() {
        return sizeOf(logDir().toFile());
    }

    private static long sizeOf(File f) {
        if (!f.isDirectory()) {
            return f.length();
        }
        long total = 0;
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                total += sizeOf(c);
            }
        }
        return total;
    }

    // ---- connections ----

    public ConnectionSource connectionSource() {
        ConnectionSource s = connections.get();
        return s == null ? ConnectionSource.NONE : s;
    }

    public List<ConnectionSummary> connections() {
        return connectionSource().connections();
    }

    // ---- pipeline-owned state ----

    /**
     * Runs {@code query} on the pipeline thread, after every event queued before it, and returns its answer;
     * waits at most a second.
     *
     * @throws CommandFailure NOT_SERVING when the pipeline is stopped or does not answer in time
     */
    public <T> T read(Function<PipelineState, T> query) throws CommandFailure {
        if (!pipeline.isRunning()) {
            throw CommandFailure.notServing();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        pipeline.inspect(() -> {
            try {
                answer.complete(query.apply(state()));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The pipeline did not answer a monitoring query within {} ms", WAIT_MS);
            throw CommandFailure.notServing();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.notServing();
        } catch (ExecutionException e) {
            LOG.warn("A monitoring query failed on the pipeline thread", e.getCause());
            throw new CommandFailure(Outcome.FAILED, "The query failed: " + e.getCause());
        }
    }

    private PipelineState state() {
        return new PipelineState(pipeline.tree(), pipeline.watches(), pipeline.sessions(),
                w -> w instanceof ConnectionState c ? c.sessionId() : 0);
    }

    /** Fresh counts of nodes, watches and ephemerals (and the cache the gauges read is refreshed with them). */
    public TreeCounts counts() throws CommandFailure {
        TreeCounts c = read(TreeCounts::of);
        cachedCounts = c;
        return c;
    }

    /** The counts as of the last refresh: for gauges, which must not wait. */
    public TreeCounts cachedCounts() {
        return cachedCounts;
    }

    /** Asks the pipeline to refresh {@link #cachedCounts()} when it gets to it; returns at once. */
    public void refreshCountsLater() {
        if (pipeline.isRunning()) {
            pipeline.inspect(() -> cachedCounts = TreeCounts.of(state()));
        }
    }

    /** Live sessions; safe from any thread (the expiry queue is concurrent). */
    public int sessionCount() {
        return pipeline.sessions().expiryQueue().size();
    }

    public int pipelineQueueDepth() {
        return pipeline.queueDepth();
    }

    public int logQueueDepth() {
        return pipeline.logQueueDepth();
    }

    /** Ends a session as if it expired. */
    public void closeSession(long sessionId) {
        pipeline.closeSession(sessionId);
    }

    // ---- persistence ----

    public InstrumentedBackend.SnapshotRecord lastSnapshot() {
        return backend == null ? null : backend.lastSnapshot();
    }

    public long lastCommitMs() {
        return backend == null ? 0 : backend.lastCommitMs();
    }

    public void snapshotNow() {
        pipeline.snapshotNow();
    }

    // ---- admin authentication ----

    /**
     * ZooKeeper 3.9's admin auth: the {@code Authorization} header names a scheme and its credentials; the ids the
     * scheme grants must hold ALL on {@code /}.
     */
    public void authorize(Caller caller) throws CommandFailure {
        String header = caller == null ? null : caller.authorization();
        if (header == null || header.isBlank()) {
            throw new CommandFailure(Outcome.AUTH_MISSING, "Auth info is missing for the command");
        }
        String[] parts = header.trim().split(" ", -1);
        if (parts.length != 1 && parts.length != 2) {
            throw new CommandFailure(Outcome.NOT_AUTHENTICATED, "Not authenticated");
        }
        AuthenticationProvider provider = auth.provider(parts[0]);
        if (provider == null) {
            throw new CommandFailure(Outcome.NOT_AUTHENTICATED, "Not authenticated");
        }
        List<AuthId> ids;
        try {
            byte[] credentials = parts.length == 2 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
            ids = provider.authenticate(credentials, new ConnectionInfo(caller.remoteAddress(), null));
        } catch (AuthenticationException | RuntimeException e) {
            LOG.warn("Admin command refused: scheme '{}' rejected the credentials: {}", parts[0], e.getMessage());
            throw new CommandFailure(Outcome.NOT_AUTHENTICATED, "Not authenticated");
        }
        if (ids == null || ids.isEmpty()) {
            throw new CommandFailure(Outcome.NOT_AUTHENTICATED, "Not authenticated");
        }
        List<ACL> rootAcl = read(s -> {
            DataNode root = s.tree().get("/");
            return root == null ? List.<ACL>of() : root.acl();
        });
        if (!auth.allows(rootAcl, Perms.ALL, ids)) {
            throw new CommandFailure(Outcome.NOT_AUTHORIZED, "Not authorized");
        }
    }
}
