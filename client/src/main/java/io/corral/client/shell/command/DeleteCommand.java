package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;

/** {@code delete [-v version] path}. */
public final class DeleteCommand extends ShellCommand {
    public DeleteCommand() {
        super("delete", "[-v version] path", new OptionSpec().withValue('v', "version"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        if (args.count() > 2) {
            // zkCli warns about the old positional version and then ignores it; so do we.
            context.err().println("'delete path [version]' has been deprecated. "
                    + "Please use 'delete [-v version] path' instead.");
        }
        context.client().delete(args.arg(1), args.intValue('v', -1));
    }
}
