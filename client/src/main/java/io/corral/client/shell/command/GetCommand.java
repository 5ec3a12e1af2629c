package io.corral.client.shell.command;

import io.corral.client.DataAndStat;
import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.DataFormat;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import java.nio.charset.StandardCharsets;

/** {@code get [-s] [-w] [-b] [-x] path}: the data (the word "null" for a node without data), then the Stat with -s. */
public final class GetCommand extends ShellCommand {
    public GetCommand() {
        super("get", "[-s] [-w] [-b] [-x] path", new OptionSpec()
                .flag('s', "Print znode stats additionally")
                .flag('w', "Watch for changes on the znode")
                .flag('b', "Output data in base64 format")
                .flag('x', "Output data in hexdump format"), true);
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        args = Deprecations.watchArgument(args, context.err(), "'get path [watch]' has been deprecated. "
                + "Please use 'get [-s] [-w] path' instead.");
        DataAndStat result = context.client().getData(args.arg(1), args.has('w'));
        byte[] data = result.data() == null ? "null".getBytes(StandardCharsets.UTF_8) : result.data();
        DataFormat format = args.has('x') ? DataFormat.HEX : args.has('b') ? DataFormat.BASE64 : DataFormat.PLAIN;
        context.out().println(format.format(data));
        if (args.has('s')) {
            StatPrinter.print(result.stat(), context.out());
        }
    }
}
