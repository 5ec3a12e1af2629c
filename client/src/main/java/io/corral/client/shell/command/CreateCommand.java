package io.corral.client.shell.command;

import io.corral.client.Acls;
import io.corral.client.ZkException;
import io.corral.client.shell.AclText;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.data.ACL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code create [-s] [-e] [-c] [-t ttl] path [data] [acl]}; prints {@code Created <actual path>} on stderr, as zkCli
 * does. Without data the node's data is null; without an ACL it is open to anyone.
 */
public final class CreateCommand extends ShellCommand {
    private static final long MAX_TTL_MS = (1L << 40) - 1;

    public CreateCommand() {
        super("create", "[-s] [-e] [-c] [-t ttl] path [data] [acl]", new OptionSpec()
                .flag('e', "ephemeral").flag('s', "sequential").flag('c', "container").withValue('t', "ttl"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        int flags = flags(args);
        long ttl = ttl(args);
        String path = args.arg(1);
        byte[] data = args.count() > 2 ? args.arg(2).getBytes(StandardCharsets.UTF_8) : null;
        List<ACL> acl = args.count() > 3 ? AclText.parse(args.arg(3), context.err()) : Acls.OPEN_ACL_UNSAFE;
        String created;
        try {
            created = args.has('t')
                    ? context.client().create(path, data, acl, flags, ttl).path()
                    : context.client().create(path, data, acl, flags);
        } catch (ZkException e) {
            if (e.code() == Code.EPHEMERALONLOCALSESSION) {
                context.err().println("Unable to create ephemeral node on a local session");
            } else if (e.code() == Code.INVALIDACL) {
                context.err().println(e.getMessage());
            }
            throw e;
        }
        context.err().println("Created " + created);
    }

    private static int flags(ParsedArgs args) throws CliException {
        boolean e = args.has('e');
        boolean s = args.has('s');
        boolean c = args.has('c');
        boolean t = args.has('t');
        if (c && (e || s)) {
            throw new CliException(
                    "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        }
        if (t && e) {
            throw new CliException("TTLs cannot be used with Ephemeral znodes");
        }
        if (t && c) {
            throw new CliException("TTLs cannot be used with Container znodes");
        }
        if (e) {
            return s ? CreateFlags.EPHEMERAL_SEQUENTIAL : CreateFlags.EPHEMERAL;
        }
        if (s) {
            return t ? CreateFlags.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateFlags.PERSISTENT_SEQUENTIAL;
        }
        if (c) {
            return CreateFlags.CONTAINER;
        }
        return t ? CreateFlags.PERSISTENT_WITH_TTL : CreateFlags.PERSISTENT;
    }

    private static long ttl(ParsedArgs args) throws CliException {
        if (!args.has('t')) {
            return -1;
        }
        long ttl;
        try {
            ttl = Long.parseLong(args.value('t'));
        } catch (NumberFormatException e) {
            throw new CliException("-t argument must be a long value");
        }
        if (ttl <= 0 || ttl > MAX_TTL_MS) {
            throw new CliException("ttl must be positive and cannot be larger than: " + MAX_TTL_MS);
        }
        return ttl;
    }
}
