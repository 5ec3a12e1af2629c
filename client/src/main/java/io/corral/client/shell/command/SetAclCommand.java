package io.corral.client.shell.command;

import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.client.shell.AclText;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Stat;
import java.util.List;

/**
 * {@code setAcl [-s] [-v version] [-R] path acl}. With -R every node of the subtree gets the ACL; a node that fails
 * has its error printed and the walk goes on.
 */
public final class SetAclCommand extends ShellCommand {
    public SetAclCommand() {
        super("setAcl", "[-s] [-v version] [-R] path acl",
                new OptionSpec().flag('s', "stats").withValue('v', "version").flag('R', "recursive"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 3) {
            throw usageError();
        }
        String path = args.arg(1);
        List<ACL> acl = AclText.parse(args.arg(2), context.err());
        int version = args.intValue('v', -1);
        ZkClient zk = context.client();
        if (args.has('R')) {
            for (String node : LsCommand.subtree(zk, path, false)) {
                try {
                    zk.setACL(node, acl, version);
                } catch (ZkException e) {
                    context.out().print(e.getMessage());
                }
            }
            return;
        }
        Stat stat = zk.setACL(path, acl, version);
        if (args.has('s')) {
            StatPrinter.print(stat, context.out());
        }
    }
}
