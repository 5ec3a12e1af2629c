package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * initial_configuration (icfg): the configuration the server started with, as {@code key=value} lines. ZooKeeper
 * returns its zoo.cfg verbatim; Corral returns the settings it read from zoo.cfg and {@code zookeeper.*} system
 * properties, sorted by key (comments and blank lines of the file are not kept).
 */
final class InitialConfigurationCommand extends Command {
    InitialConfigurationCommand() {
        super("initial_configuration", null, "icfg");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(ctx.config().settings()).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("initial_configuration", b.toString());
        return data;
    }
}
