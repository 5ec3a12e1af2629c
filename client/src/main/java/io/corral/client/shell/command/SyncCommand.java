package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;

/** {@code sync path}: "Sync is OK", or "Sync has failed. rc=N" with the error code. */
public final class SyncCommand extends ShellCommand {
    public SyncCommand() {
        super("sync", "path", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context) throws CliException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        try {
            context.client().sync(args.arg(1));
            context.out().println("Sync is OK");
        } catch (ZkException e) {
            context.out().println("Sync has failed. rc=" + e.code());
        }
    }
}
