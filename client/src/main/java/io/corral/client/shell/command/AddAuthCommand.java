package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import java.nio.charset.StandardCharsets;

/** {@code addauth scheme auth}, e.g. {@code addauth digest bob:secret}. */
public final class AddAuthCommand extends ShellCommand {
    public AddAuthCommand() {
        super("addauth", "scheme auth", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        byte[] auth = args.count() >= 3 ? args.arg(2).getBytes(StandardCharsets.UTF_8) : null;
        context.client().addAuth(args.arg(1), auth);
    }
}
