package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** envi (environment, env): the keys of ZooKeeper's Environment list, in its order. Answers while not serving too. */
final class EnvironmentCommand extends Command {
    private static final String[] PROPERTIES = {
        "java.version", "java.vendor", "java.home", "java.class.path", "java.library.path", "java.io.tmpdir",
        "java.compiler", "os.name", "os.arch", "os.version", "user.name", "user.home", "user.dir"};

    EnvironmentCommand() {
        super("environment", "envi", "env");
    }

    @Override
    public boolean needsServing() {
        return false;
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("zookeeper.version", ctx.version());
        data.put("host.name", ctx.hostName());
        for (String p : PROPERTIES) {
            String v = System.getProperty(p);
            data.put(p, v == null ? "<NA>" : v);
        }
        Runtime rt = Runtime.getRuntime();
        data.put("os.memory.free", rt.freeMemory() / (1024 * 1024) + "MB");
        data.put("os.memory.max", rt.maxMemory() / (1024 * 1024) + "MB");
        data.put("os.memory.total", rt.totalMemory() / (1024 * 1024) + "MB");
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        StringBuilder b = new StringBuilder(2048).append("Environment:\n");
        data.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }
}
