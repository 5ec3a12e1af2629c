package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import io.corral.protocol.Code;
import io.corral.protocol.data.Stat;

/** {@code stat [-w] path}; a missing node is an error here, though exists() itself just returns null. */
public final class StatCommand extends ShellCommand {
    public StatCommand() {
        super("stat", "[-w] path", new OptionSpec().flag('w', "watch"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        args = Deprecations.watchArgument(args, context.err(), "'stat path [watch]' has been deprecated. "
                + "Please use 'stat [-w] path' instead.");
        String path = args.arg(1);
        Stat stat = context.client().exists(path, args.has('w'));
        if (stat == null) {
            throw new ZkException(Code.NONODE, path);
        }
        StatPrinter.print(stat, context.out());
    }
}
