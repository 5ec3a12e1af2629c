package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;

/** {@code getAllChildrenNumber path}: how many nodes are below the path, at any depth. */
public final class GetAllChildrenNumberCommand extends ShellCommand {
    public GetAllChildrenNumberCommand() {
        super("getAllChildrenNumber", "path", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        context.out().println(context.client().getAllChildrenNumber(args.arg(1)));
    }
}
