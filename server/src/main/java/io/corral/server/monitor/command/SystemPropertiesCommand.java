package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** system_properties (sysp): every JVM system property, sorted by name. No four-letter word. */
final class SystemPropertiesCommand extends Command {
    SystemPropertiesCommand() {
        super("system_properties", null, "sysp");
    }

    @Override
    public boolean needsServing() {
        return false;
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> sorted = new TreeMap<>();
        System.getProperties().forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        return new LinkedHashMap<>(sorted);
    }
}
