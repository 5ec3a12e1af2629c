package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * conf (configuration, config): the settings ZooKeeper's standalone server reports. The text adds what ZooKeeper's
 * text has and its JSON has not: secureClientPort and the two directory sizes.
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
        return b.toString();
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=').append(value).append('\n');
    }
}
