package io.corral.server.monitor;

/**
 * The monitoring commands, rendered as the text ZooKeeper 3.9 prints for its four-letter words so that the
 * scripts and checks people run against ZooKeeper parse ours. The management issue grows this into the full
 * registry shared with the admin endpoint.
 */
public final class MonitorCommands {
    /** What srvr's first line says: the ZooKeeper version whose protocol we speak, then ours. */
    public static final String VERSION = "3.9.3-corral-0.1.0-SNAPSHOT, built on 2026-11-21 00:00 UTC";

    private final ServerView view;

    public MonitorCommands(ServerView view) {
        this.view = view;
    }

    /** The text of a command, or null when it is not one we implement. */
    public String run(String command) {
        return switch (command) {
            case "ruok" -> "imok";
            case "isro" -> "rw";
            case "srvr" -> serverStats(false);
            case "stat" -> serverStats(true);
            case "srst" -> {
                view.stats().reset();
                yield "Server stats reset.\n";
            }
            default -> null;
        };
    }

    private String serverStats(boolean withConnections) {
        ServerStats s = view.stats();
        StringBuilder b = new StringBuilder(512);
        b.append("Zookeeper version: ").append(VERSION).append('\n');
        if (withConnections) {
            b.append("Clients:\n");
            for (String line : view.connectionLines()) {
                b.append(line).append('\n');
            }
            b.append('\n');
        }
        b.append("Latency min/avg/max: ").append(s.minLatencyMs()).append('/')
                .append(Math.round(s.avgLatencyMs() * 10_000) / 10_000.0)
                .append('/').append(s.maxLatencyMs()).append('\n');
        b.append("Received: ").append(s.packetsReceived()).append('\n');
        b.append("Sent: ").append(s.packetsSent()).append('\n');
        b.append("Connections: ").append(view.connectionCount()).append('\n');
        b.append("Outstanding: ").append(s.outstanding()).append('\n');
        b.append("Zxid: 0x").append(Long.toHexString(view.lastZxid())).append('\n');
        b.append("Mode: ").append(view.mode()).append('\n');
        b.append("Node count: ").append(view.nodeCount()).append('\n');
        return b.toString();
    }
}
