package io.corral.server.monitor;

import io.corral.api.management.CommandResult;

/** A command that could not run: the outcome an endpoint reports and the error text it shows. */
public final class CommandFailure extends Exception {
    private final CommandResult.Outcome outcome;

    public CommandFailure(CommandResult.Outcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    public CommandResult.Outcome outcome() {
        return outcome;
    }

    /** ZooKeeper's words for a server that is starting, stopping or not answering. */
    public static CommandFailure notServing() {
        return new CommandFailure(CommandResult.Outcome.NOT_SERVING, MonitorContext.NOT_SERVING);
    }
}
