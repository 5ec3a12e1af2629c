package io.corral.server.monitor.command;

import io.corral.server.config.QuorumConfig;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.HostPort;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * conf (configuration, config): the settings ZooKeeper's standalone server reports. The text adds what ZooKeeper's
 * text has and its JSON has not: secureClientPort and the two directory sizes, and on an ensemble member the quorum
 * settings and the membership (ZooKeeper's QuorumZooKeeperServer.dumpConf).
 */
final class ConfigurationCommand extends Command {
    ConfigurationCommand() {
        super("configuration", "conf", "config");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("client_port", ctx.clientPort());
        data.put("data_dir", ctx.snapDir().toString());
        data.put("data_log_dir", ctx.logDir().toString());
        data.put("tick_time", ctx.config().tickTimeMs());
        data.put("max_client_cnxns", ctx.config().maxClientCnxns());
        data.put("min_session_timeout", ctx.config().minSessionTimeoutMs());
        data.put("max_session_timeout", ctx.config().maxSessionTimeoutMs());
        data.put("server_id", ctx.serverId());
        data.put("client_port_listen_backlog", listenBacklog(ctx));
        return data;
    }

    private static int listenBacklog(MonitorContext ctx) {
        try {
            return Integer.parseInt(ctx.config().settings().getOrDefault("clientPortListenBacklog", "-1").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        StringBuilder b = new StringBuilder(512);
        line(b, "clientPort", data.get("client_port"));
        line(b, "secureClientPort", -1);
        line(b, "dataDir", data.get("data_dir"));
        line(b, "dataDirSize", ctx.dataDirSize());
        line(b, "dataLogDir", data.get("data_log_dir"));
        line(b, "dataLogSize", ctx.logDirSize());
        line(b, "tickTime", data.get("tick_time"));
        line(b, "maxClientCnxns", data.get("max_client_cnxns"));
        line(b, "minSessionTimeout", data.get("min_session_timeout"));
        line(b, "maxSessionTimeout", data.get("max_session_timeout"));
        line(b, "clientPortListenBacklog", data.get("client_port_listen_backlog"));
        line(b, "serverId", data.get("server_id"));
        QuorumConfig q = ctx == null ? null : ctx.config().quorum();
        if (q != null) {
            quorum(b, q);
        }
        return b.toString();
    }

    /** ZooKeeper's lines for a quorum peer; the last one, {@code version=0}, has no newline in ZooKeeper either. */
    static void quorum(StringBuilder b, QuorumConfig q) {
        QuorumConfig.Member self = q.self();
        line(b, "initLimit", q.initLimitTicks());
        line(b, "syncLimit", q.syncLimitTicks());
        line(b, "electionAlg", 3);
        line(b, "electionPort", self.electionAddress().getPort());
        line(b, "quorumPort", self.quorumAddress().getPort());
        line(b, "peerType", self.observer() ? 1 : 0);
        b.append("membership: \n");
        for (QuorumConfig.Member m : q.members().values()) {
            b.append("server.").append(m.id()).append('=').append(HostPort.of(m.quorumAddress()))
                    .append(':').append(m.electionAddress().getPort())
                    .append(m.observer() ? ":observer" : ":participant");
            if (m.clientAddress() != null) {
                b.append(';').append(HostPort.of(m.clientAddress()));
            }
            b.append('\n');
        }
        // Corral's membership never changes at run time: the version of the configuration stays 0.
        b.append("version=0");
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=').append(value).append('\n');
    }
}
