package io.corral.client.shell.command;

import io.corral.client.PathValidator;
import io.corral.client.ZkException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;

/** {@code getEphemerals [path]}: this session's ephemeral nodes under the path (all of them without one). */
public final class GetEphemeralsCommand extends ShellCommand {
    public GetEphemeralsCommand() {
        super("getEphemerals", "path", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context) throws ZkException, InterruptedException {
        String prefix = args.count() < 2 ? "/" : args.arg(1);
        if (args.count() >= 2) {
            PathValidator.validate(prefix);
        }
        context.out().println(context.client().getEphemerals(prefix));
    }
}
