package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.InstrumentedBackend;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * last_snapshot (lsnp): the zxid (hex, without 0x, as ZooKeeper writes it) and time in seconds of the newest
 * snapshot written, or the one loaded at start-up until then; {@code ffffffffffffffff} and -1 when there is none.
 */
final class LastSnapshotCommand extends Command {
    LastSnapshotCommand() {
        super("last_snapshot", null, "lsnp");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        InstrumentedBackend.SnapshotRecord last = ctx.lastSnapshot();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("zxid", Long.toHexString(last == null ? -1L : last.zxid()));
        data.put("timestamp", last == null ? -1L : last.wallMs() / 1000);
        return data;
    }
}
