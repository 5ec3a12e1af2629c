package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.protocol.AddWatchMode;
import java.util.Locale;

/** {@code addWatch [-m mode] path}: a persistent watch, recursive unless {@code -m persistent}. */
public final class AddWatchCommand extends ShellCommand {
    public AddWatchCommand() {
        super("addWatch", "[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is "
                + "PERSISTENT_RECURSIVE", new OptionSpec().withValue('m', ""));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() != 2) {
            throw usageError();
        }
        int mode = AddWatchMode.PERSISTENT_RECURSIVE;
        if (args.has('m')) {
            mode = switch (args.value('m').toUpperCase(Locale.ROOT)) {
                case "PERSISTENT" -> AddWatchMode.PERSISTENT;
                case "PERSISTENT_RECURSIVE" -> AddWatchMode.PERSISTENT_RECURSIVE;
                default -> throw usageError();
            };
        }
        context.client().addWatch(args.arg(1), mode);
    }
}
