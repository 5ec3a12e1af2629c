package io.corral.client.shell.command;

import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;

/** {@code close}: ends the session; the shell stays, and {@code connect} opens a new one. */
public final class CloseCommand extends ShellCommand {
    public CloseCommand() {
        super("close", "", OptionSpec.NONE);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context) {
        context.client().close();
    }
}
