package io.corral.server.monitor;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandInfo;
import io.corral.api.management.CommandResult;
import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.EnsembleView;
import io.corral.api.management.MetricsView;
import io.corral.api.management.ServerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The api's {@link ServerView}, for management extensions: the command registry, the connections and the metrics. */
public final class ManagementView implements ServerView {
    private final CommandRegistry registry;
    private final MonitorContext ctx;
    private final MetricsView metrics;

    public ManagementView(CommandRegistry registry, MonitorContext ctx) {
        this.registry = registry;
        this.ctx = ctx;
        this.metrics = new RegistryMetricsView(ctx.stats().metrics().registry());
    }

    @Override
    public String version() {
        return ctx.version();
    }

    @Override
    public String serverState() {
        return ctx.serverState();
    }

    @Override
    public int clientPort() {
        return ctx.clientPort();
    }

    @Override
    public long startTimeMs() {
        return ctx.startWallMs();
    }

    @Override
    public List<CommandInfo> commands() {
        return registry.infos();
    }

    @Override
    public CommandResult run(String command, Map<String, String> parameters, Caller caller) {
        return registry.run(command, parameters, caller == null ? Caller.anonymous() : caller, ctx);
    }

    @Override
    public List<ConnectionSummary> connections() {
        return ctx.connections();
    }

    @Override
    public List<String> ephemeralPaths(long sessionId) {
        try {
            return ctx.read(s -> new ArrayList<>(new TreeSet<>(s.tree().ephemeralsOf(sessionId))));
        } catch (CommandFailure e) {
            return List.of();
        }
    }

    @Override
    public boolean closeSession(long sessionId) {
        try {
            boolean known = ctx.read(s -> s.sessions().get(sessionId) != null);
            if (known) {
                ctx.closeSession(sessionId);
            }
            return known;
        } catch (CommandFailure e) {
            return false;
        }
    }

    @Override
    public boolean closeConnection(long connectionId) {
        return ctx.connectionSource().close(connectionId);
    }

    @Override
    public boolean resetConnectionStats(long connectionId) {
        return ctx.connectionSource().resetStats(connectionId);
    }

    @Override
    public void resetStatistics(StatisticsGroup group) {
        switch (group) {
            case ALL -> ctx.stats().reset();
            case LATENCY -> ctx.stats().resetLatency();
            case MAX_LATENCY -> ctx.stats().resetMaxLatency();
            case AUTH_FAILED -> ctx.stats().resetAuthFailed();
            default -> throw new IllegalArgumentException("unknown statistics group " + group);
        }
    }

    @Override
    public MetricsView metrics() {
        return metrics;
    }

    @Override
    public EnsembleView ensemble() {
        return ctx.ensemble();
    }
}
