package io.corral.server.monitor.command;

import io.corral.api.management.CommandResult.Outcome;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import java.util.Map;

/**
 * restore (rest): ZooKeeper's POST that replaces the whole tree with an uploaded snapshot. Listed so that callers
 * get a clear answer, after the same authentication as ZooKeeper's; Corral does not restore a running server.
 */
final class RestoreCommand extends Command {
    RestoreCommand() {
        super("restore", null, "rest");
    }

    @Override
    public boolean needsAuth() {
        return true;
    }

    @Override
    public String httpMethod() {
        return "POST";
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
        throw new CommandFailure(Outcome.UNAVAILABLE,
                "restore is not supported by Corral: stop the server and put the snapshot in dataDir instead");
    }
}
