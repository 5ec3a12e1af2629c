package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asList;
import static io.corral.server.monitor.command.Values.asMap;

import io.corral.api.management.ConnectionSummary;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** cons (connections): every connection with its session figures; the text is one line each, then an empty line. */
final class ConnectionsCommand extends Command {
    ConnectionsCommand() {
        super("connections", "cons");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        List<Object> list = new ArrayList<>();
        for (ConnectionSummary c : ctx.connections()) {
            list.add(ConnectionMaps.of(c, false));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connections", list);
        data.put("secure_connections", List.of());
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        StringBuilder b = new StringBuilder();
        for (Object c : asList(data.get("connections"))) {
            b.append(ConnectionMaps.line(asMap(c))).append('\n');
        }
        return b.append('\n').toString();
    }
}
