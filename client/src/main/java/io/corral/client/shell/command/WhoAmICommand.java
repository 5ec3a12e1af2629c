package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.protocol.data.ClientInfo;

/** {@code whoami}: the ids the server knows this session by, one {@code scheme: user} per line. */
public final class WhoAmICommand extends ShellCommand {
    public WhoAmICommand() {
        super("whoami", "", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context) throws ZkException, InterruptedException {
        context.out().println("Auth scheme: User");
        for (ClientInfo info : context.client().whoAmI()) {
            context.out().println(info.authScheme() + ": " + info.user());
        }
    }
}
