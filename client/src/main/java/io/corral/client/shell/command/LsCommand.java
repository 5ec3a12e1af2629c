package io.corral.client.shell.command;

import io.corral.client.ChildrenAndStat;
import io.corral.client.PathValidator;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import io.corral.protocol.Code;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code ls [-s] [-w] [-R] path}: sorted children as {@code [a, b]}; -R prints every path below, level by level. */
public final class LsCommand extends ShellCommand {
    public LsCommand() {
        super("ls", "[-s] [-w] [-R] path",
                new OptionSpec().flag('?', "help").flag('s', "stat").flag('w', "watch").flag('R', "recurse"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        args = Deprecations.watchArgument(args, context.err(), "'ls path [watch]' has been deprecated. "
                + "Please use 'ls [-w] path' instead.");
        if (args.count() < 2) {
            throw usageError();
        }
        String path = args.arg(1);
        boolean watch = args.has('w');
        ZkClient zk = context.client();
        if (args.has('R')) {
            for (String p : subtree(zk, path, watch)) {
                context.out().println(p);
            }
            return;
        }
        if (args.has('s')) {
            ChildrenAndStat result = zk.getChildrenWithStat(path, watch);
            printChildren(result.children(), context.out());
            StatPrinter.print(result.stat(), context.out());
        } else {
            printChildren(zk.getChildren(path, watch), context.out());
        }
    }

    private static void printChildren(List<String> children, PrintStream out) {
        List<String> sorted = new ArrayList<>(children);
        Collections.sort(sorted);
        out.println("[" + String.join(", ", sorted) + "]");
    }

    /**
     * zkCli's recursive listing order: the root, then all children of a node before descending into each of them in
     * name order. A node deleted while walking is skipped.
     */
    static List<String> subtree(ZkClient zk, String root, boolean watch) throws ZkException, InterruptedException {
        PathValidator.validate(root);
        zk.getData(root, watch);
        List<String> paths = new ArrayList<>();
        paths.add(root);
        walk(zk, root, watch, paths);
        return paths;
    }

    private static void walk(ZkClient zk, String path, boolean watch, List<String> into)
            throws ZkException, InterruptedException {
        List<String> children;
        try {
            children = new ArrayList<>(zk.getChildren(path, watch));
        } catch (ZkException e) {
            if (e.code() == Code.NONODE) {
                return;
            }
            throw e;
        }
        Collections.sort(children);
        String prefix = path.equals("/") ? "/" : path + "/";
        for (String child : children) {
            into.add(prefix + child);
        }
        for (String child : children) {
            walk(zk, prefix + child, watch, into);
        }
    }
}
