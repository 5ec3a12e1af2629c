package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gtmk and stmk: ZooKeeper's trace mask, kept so that tools reading it get ZooKeeper's answer (306 by default).
 * Corral's logging does not consult it. The four-letter stmk cannot carry its argument through Corral's network
 * layer, so it answers the current mask; set it with the admin endpoint's set_trace_mask?traceMask=N.
 */
final class TraceMaskCommands {
    private TraceMaskCommands() {
    }

    /** gtmk (get_trace_mask). */
    static final class Get extends Command {
        Get() {
            super("get_trace_mask", "gtmk");
        }

        @Override
        public boolean needsServing() {
            return false;
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tracemask", ctx.traceMask());
            return data;
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            return String.valueOf(data.get("tracemask"));
        }
    }

    /** stmk (set_trace_mask), with the {@code traceMask} parameter. */
    static final class Set extends Command {
        Set() {
            super("set_trace_mask", "stmk");
        }

        @Override
        public boolean needsServing() {
            return false;
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            Map<String, Object> data = new LinkedHashMap<>();
            String value = params.get("traceMask");
            if (value == null) {
                data.put("error", "setTraceMask requires long traceMask argument");
                return data;
            }
            try {
                ctx.traceMask(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                data.put("error", "setTraceMask requires long traceMask argument, got " + value);
                return data;
            }
            data.put("tracemask", ctx.traceMask());
            return data;
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            return String.valueOf(ctx.traceMask());
        }
    }
}
