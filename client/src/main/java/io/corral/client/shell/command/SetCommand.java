package io.corral.client.shell.command;

import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import io.corral.protocol.data.Stat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code set [-s] [-v version] [-b] path data}. */
public final class SetCommand extends ShellCommand {
    public SetCommand() {
        super("set", "path data [-s] [-v version] [-b]", new OptionSpec()
                .flag('s', "Print znode stats additionally")
                .withValue('v', "Set with an expected version")
                .flag('b', "Supply data in base64 format"), true);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 3) {
            throw usageError();
        }
        byte[] data;
        if (args.has('b')) {
            try {
                data = Base64.getDecoder().decode(args.arg(2));
            } catch (IllegalArgumentException e) {
                throw new CliException("data is not valid base64: " + e.getMessage());
            }
        } else {
            data = args.arg(2).getBytes(StandardCharsets.UTF_8);
        }
        int version = args.intValue('v', -1);
        Stat stat = context.client().setData(args.arg(1), data, version);
        if (args.has('s')) {
            StatPrinter.print(stat, context.out());
        }
    }
}
