package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asLong;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** dirs: bytes in the snapshot and log directories ({@code version-2} under dataDir and dataLogDir). */
final class DirsCommand extends Command {
    DirsCommand() {
        super("dirs", "dirs");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("datadir_size", ctx.dataDirSize());
        data.put("logdir_size", ctx.logDirSize());
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        return "datadir_size: " + asLong(data.get("datadir_size")) + "\nlogdir_size: " + asLong(data.get("logdir_size")) + "\n";
    }
}
