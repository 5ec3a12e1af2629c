package io.corral.client.shell.command;

import io.corral.client.AclAndStat;
import io.corral.client.ZkException;
import io.corral.client.shell.AclText;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import io.corral.protocol.data.ACL;

/** {@code getAcl [-s] path}. */
public final class GetAclCommand extends ShellCommand {
    public GetAclCommand() {
        super("getAcl", "[-s] path", new OptionSpec().flag('s', "stats"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        AclAndStat result = context.client().getACL(args.arg(1));
        for (ACL acl : result.acl()) {
            context.out().println(AclText.format(acl));
        }
        if (args.has('s')) {
            StatPrinter.print(result.stat(), context.out());
        }
    }
}
