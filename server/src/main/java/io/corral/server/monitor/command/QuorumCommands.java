package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands about the ensemble: leader, voting_view, observers, observer_connection_stat_reset and zabstate.
 * A standalone server answers them as ZooKeeper's standalone server does; they read the server's role, so the
 * replication layer fills them in when it supplies one.
 */
final class QuorumCommands {
    private QuorumCommands() {
    }

    private static boolean standalone(MonitorContext ctx) {
        return "standalone".equals(ctx.serverState());
    }

    /** leader (lead). */
    static final class Leader extends Command {
        Leader() {
            super("leader", null, "lead");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            if (standalone(ctx)) {
                data.put("error", "server is not initialized");
            } else {
                data.put("is_leader", "leader".equals(ctx.serverState()));
                data.put("leader_id", -1L);
                data.put("leader_ip", "");
            }
            return data;
        }
    }

    /** voting_view: the voting members; none on a standalone server. */
    static final class VotingView extends Command {
        VotingView() {
            super("voting_view", null);
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("current_config", new LinkedHashMap<String, Object>());
            return data;
        }
    }

    /** observers (obsr). */
    static final class Observers extends Command {
        Observers() {
            super("observers", null, "obsr");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("synced_observers", 0);
            data.put("observers", List.of());
            return data;
        }
    }

    /** observer_connection_stat_reset (orst): nothing to reset without observers. */
    static final class ObserverStatReset extends Command {
        ObserverStatReset() {
            super("observer_connection_stat_reset", null, "orst");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return Map.of();
        }
    }

    /** zabstate: not voting and no ZAB state on a standalone server. */
    static final class ZabState extends Command {
        ZabState() {
            super("zabstate", null);
        }

        @Override
        public boolean needsServing() {
            return false;
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("voting", false);
            data.put("zabstate", "");
            return data;
        }
    }
}
