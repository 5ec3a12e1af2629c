package io.corral.api.management;

import java.util.List;
import java.util.Map;

/**
 * A running server as a management extension sees it. Thread-safe: every method may be called from any thread.
 * Methods that need state owned by the server's request pipeline wait for it a bounded time (about a second)
 * and report a server that does not answer as not serving.
 */
public interface ServerView {

    /** The version string of srvr's first line, e.g. {@code 3.9.3-corral-0.1.0, built on ...}. */
    String version();

    /**
     * {@code standalone}, {@code leader}, {@code follower}, {@code observer}, {@code looking} (an ensemble member
     * without a leader) or {@code read-only}.
     */
    String serverState();

    /** The port clients connect to (the bound one, when the configuration said 0). */
    int clientPort();

    /** When the server started, in milliseconds since the epoch. */
    long startTimeMs();

    /** Every command {@link #run} knows, by primary name, sorted by it. */
    List<CommandInfo> commands();

    /**
     * Runs a command by its primary name or one of its aliases. Never throws: an unknown command, a server that
     * is not serving, missing credentials or a failure come back as the result's {@link CommandResult#outcome()}
     * and {@link CommandResult#error()}.
     *
     * @param parameters the command's named arguments (the admin endpoint's query parameters); may be empty
     * @param caller     who asks; consulted only by commands that need authentication
     */
    CommandResult run(String command, Map<String, String> parameters, Caller caller);

    /** Every client connection, with its session's figures once it has one. */
    List<ConnectionSummary> connections();

    /** The ephemeral nodes a session owns, sorted; empty when it owns none or the server did not answer. */
    List<String> ephemeralPaths(long sessionId);

    /** Ends a session as if it had expired (its ephemerals go, its connection closes). False if unknown. */
    boolean closeSession(long sessionId);

    /** Closes one connection without ending its session. False if there is no such connection. */
    boolean closeConnection(long connectionId);

    /** Zeroes one connection's counters and latencies. False if there is no such connection. */
    boolean resetConnectionStats(long connectionId);

    /** Zeroes a group of the server-wide statistics (JMX's resetStatistics, resetLatency, ...). */
    void resetStatistics(StatisticsGroup group);

    /** The server's metrics: gauges, counters, histograms and timers. */
    MetricsView metrics();

    /**
     * The ensemble as this member sees it now, or null on a standalone server. Cheap: a snapshot the server keeps
     * current (at most a tick old), so an extension may ask for it as often as it likes.
     */
    default EnsembleView ensemble() {
        return null;
    }

    /** The groups of server-wide statistics that can be reset on their own. */
    enum StatisticsGroup {
        /** Everything srst resets: latencies, packet counts, response sizes, the metric summaries. */
        ALL,
        /** Min, average and max request latency. */
        LATENCY,
        /** Max request latency only. */
        MAX_LATENCY,
        /** The count of failed authentications. */
        AUTH_FAILED
    }
}
