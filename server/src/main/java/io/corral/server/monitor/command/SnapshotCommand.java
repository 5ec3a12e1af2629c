package io.corral.server.monitor.command;

import io.corral.api.management.CommandResult.Outcome;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * snapshot (snap): starts a snapshot now. Needs authentication (ALL on {@code /}) as in ZooKeeper 3.9, and is off
 * unless {@code admin.snapshot.enabled=true} (ZooKeeper has it on; Corral keeps commands that change state off
 * by default). ZooKeeper streams the snapshot file back; Corral answers with the zxid it covers at least and
 * leaves the file in dataDir.
 */
final class SnapshotCommand extends Command {
    static final String ENABLED_KEY = "admin.snapshot.enabled";

    SnapshotCommand() {
        super("snapshot", null, "snap");
    }

    @Override
    public boolean needsAuth() {
        return true;
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
        if (!Boolean.parseBoolean(ctx.config().settings().getOrDefault(ENABLED_KEY, "false").trim())) {
            throw new CommandFailure(Outcome.UNAVAILABLE,
                    "The snapshot command is disabled; set " + ENABLED_KEY + "=true in zoo.cfg to allow it");
        }
        long zxid = ctx.lastZxid();
        ctx.snapshotNow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("last_zxid", "0x" + Long.toHexString(zxid));
        return data;
    }
}
