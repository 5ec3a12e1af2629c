package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.protocol.WatcherType;

/**
 * {@code removewatches path [-c|-d|-a] [-l]} (also -p and -r for the persistent kinds): removes this shell's watches
 * of that type from the path; -l removes them locally even when the server cannot be reached.
 */
public final class RemoveWatchesCommand extends ShellCommand {
    public RemoveWatchesCommand() {
        super("removewatches", "path [-c|-d|-a] [-l]", new OptionSpec()
                .flag('c', "child watcher type")
                .flag('d', "data watcher type")
                .flag('p', "persistent watcher type")
                .flag('r', "persistent recursive watcher type")
                .flag('a', "any watcher type")
                .flag('l', "remove locally when there is no server connection"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        int type = WatcherType.ANY;
        if (args.has('c')) {
            type = WatcherType.CHILDREN;
        } else if (args.has('d')) {
            type = WatcherType.DATA;
        } else if (args.has('p')) {
            type = WatcherType.PERSISTENT;
        } else if (args.has('r')) {
            type = WatcherType.PERSISTENT_RECURSIVE;
        }
        context.client().removeWatches(args.arg(1), null, type, args.has('l'));
    }
}
