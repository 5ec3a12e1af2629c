package io.corral.jmx;

import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.ServerView;
import java.util.Date;
import java.util.function.LongFunction;

/**
 * {@link ConnectionMXBean} for one connection. Figures are read from a connection list the registrar refreshes at
 * most every 200 ms, so that a scrape of many connection beans lists the connections once, not once per attribute;
 * a connection that is gone reads as zeros until its bean is unregistered.
 */
final class ConnectionBean implements ConnectionMXBean {
    private static final ConnectionSummary GONE =
            new ConnectionSummary(0, "", 0, 0, 0, 0, 0, 0, 0, 0, "NA", -1, 0, 0, 0, 0, 0, 0);

    private final ServerView view;
    private final long connectionId;
    private final long sessionId;
    private final LongFunction<ConnectionSummary> lookup;

    ConnectionBean(ServerView view, ConnectionSummary first, LongFunction<ConnectionSummary> lookup) {
        this.view = view;
        this.connectionId = first.connectionId();
        this.sessionId = first.sessionId();
        this.lookup = lookup;
    }

    private ConnectionSummary now() {
        ConnectionSummary c = lookup.apply(connectionId);
        return c == null ? GONE : c;
    }

    @Override
    public String getSourceIP() {
        ConnectionSummary c = now();
        return c == GONE ? null : c.remoteHost() + ":" + c.remotePort();
    }

    @Override
    public String getSessionId() {
        return "0x" + Long.toHexString(sessionId);
    }

    @Override
    public String getStartedTime() {
        return new Date(now().establishedMs()).toString();
    }

    @Override
    public String[] getEphemeralNodes() {
        return view.ephemeralPaths(sessionId).toArray(new String[0]);
    }

    @Override
    public long getPacketsReceived() {
        return now().packetsReceived();
    }

    @Override
    public long getPacketsSent() {
        return now().packetsSent();
    }

    @Override
    public long getOutstandingRequests() {
        return now().outstandingRequests();
    }

    @Override
    public int getSessionTimeout() {
        return now().sessionTimeoutMs();
    }

    @Override
    public void terminateSession() {
        view.closeSession(sessionId);
    }

    @Override
    public void terminateConnection() {
        view.closeConnection(connectionId);
    }

    @Override
    public long getMinLatency() {
        return now().minLatencyMs();
    }

    @Override
    public long getAvgLatency() {
        return now().avgLatencyMs();
    }

    @Override
    public long getMaxLatency() {
        return now().maxLatencyMs();
    }

    @Override
    public String getLastOperation() {
        return now().lastOperation();
    }

    @Override
    public String getLastCxid() {
        return "0x" + Long.toHexString(now().lastCxid());
    }

    @Override
    public String getLastZxid() {
        return "0x" + Long.toHexString(now().lastZxid());
    }

    @Override
    public String getLastResponseTime() {
        return new Date(now().lastResponseMs()).toString();
    }

    @Override
    public long getLastLatency() {
        return now().lastLatencyMs();
    }

    @Override
    public void resetCounters() {
        view.resetConnectionStats(connectionId);
    }
}
