package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.Map;

/** crst and srst: zero the per-connection and the server-wide statistics. */
final class ResetCommands {
    private ResetCommands() {
    }

    /** crst (connection_stat_reset). */
    static final class ConnectionStatReset extends Command {
        ConnectionStatReset() {
            super("connection_stat_reset", "crst");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            ctx.connectionSource().resetAllStats();
            return Map.of();
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            return "Connection stats reset.\n";
        }
    }

    /** srst (stat_reset): latencies, packet counts, response sizes and every metric summary, as in ZooKeeper. */
    static final class StatReset extends Command {
        StatReset() {
            super("stat_reset", "srst");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            ctx.stats().reset();
            return Map.of();
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            return "Server stats reset.\n";
        }
    }
}
