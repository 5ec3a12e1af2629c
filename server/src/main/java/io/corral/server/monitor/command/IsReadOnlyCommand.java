package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** isro (is_read_only): {@code rw} or {@code ro}, no newline ({@code null} while not serving, said by the caller). */
final class IsReadOnlyCommand extends Command {
    IsReadOnlyCommand() {
        super("is_read_only", "isro");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("read_only", ctx.isReadOnly());
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        return Boolean.TRUE.equals(data.get("read_only")) ? "ro" : "rw";
    }
}
