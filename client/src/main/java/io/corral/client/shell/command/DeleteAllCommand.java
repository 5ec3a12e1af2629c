package io.corral.client.shell.command;

import io.corral.client.Op;
import io.corral.client.PathValidator;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deleteall path [-b batch size]}: lists the subtree breadth-first, then deletes it leaves first in multis of
 * up to the batch size (1000). If a batch fails (a node appeared meanwhile), it stops and says so, as zkCli does,
 * without failing the command.
 */
public final class DeleteAllCommand extends ShellCommand {
    public DeleteAllCommand() {
        super("deleteall", "path [-b batch size]", new OptionSpec().withValue('b', "batch size"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        if (args.count() < 2) {
            throw usageError();
        }
        int batchSize = args.intValue('b', 1000);
        String root = args.arg(1);
        PathValidator.validate(root);
        if (!deleteTree(context.client(), root, batchSize)) {
            context.err().println("Failed to delete some node(s) in the subtree!");
        }
    }

    /** False if some batch failed. */
    static boolean deleteTree(ZkClient zk, String root, int batchSize) throws ZkException, InterruptedException {
        List<String> tree = listBreadthFirst(zk, root);
        if (batchSize <= 0) {
            for (int i = tree.size() - 1; i >= 0; i--) {
                zk.delete(tree.get(i), -1);
            }
            return true;
        }
        List<Op> batch = new ArrayList<>();
        for (int i = tree.size() - 1; i >= 0; i--) {
            batch.add(Op.delete(tree.get(i), -1));
            if (batch.size() == batchSize || i == 0) {
                try {
                    zk.multi(batch);
                } catch (ZkException e) {
                    return false;
                }
                batch = new ArrayList<>();
            }
        }
        return true;
    }

    private static List<String> listBreadthFirst(ZkClient zk, String root) throws ZkException, InterruptedException {
        List<String> tree = new ArrayList<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(root);
        tree.add(root);
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String child : zk.getChildren(node, false)) {
                String childPath = (node.equals("/") ? "" : node) + "/" + child;
                queue.add(childPath);
                tree.add(childPath);
            }
        }
        return tree;
    }
}
