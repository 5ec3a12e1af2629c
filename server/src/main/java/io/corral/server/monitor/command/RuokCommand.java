package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.Map;

/** ruok: answers at all. The four-letter word says {@code imok} (no newline), even while not serving. */
final class RuokCommand extends Command {
    RuokCommand() {
        super("ruok", "ruok");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        return Map.of();
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        return "imok";
    }
}
