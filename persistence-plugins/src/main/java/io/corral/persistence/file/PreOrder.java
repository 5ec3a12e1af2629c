package io.corral.persistence.file;

import java.util.ArrayDeque;

/**
 * Checks that paths arrive in depth-first pre-order from the root, as ZooKeeper and Corral write snapshots:
 * each node's parent is on the stack of the current branch. Costs memory for one branch, not for the tree,
 * so it is affordable for a million nodes; and it implies "every parent before its children".
 */
final class PreOrder {
    private final ArrayDeque<String> branch = new ArrayDeque<>();

    /** Null if {@code path} may come next (SPI paths: "/" is the root); otherwise what is wrong. */
    String next(String path) {
        if (branch.isEmpty()) {
            if (!path.equals("/")) {
                return "the first node is " + path + ", not the root";
            }
            branch.push(path);
            return null;
        }
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/") || path.endsWith("/")) {
            return "'" + path + "' is not a valid node path here";
        }
        while (!branch.isEmpty() && !isParent(branch.peek(), path, slash)) {
            branch.pop();
        }
        if (branch.isEmpty()) {
            String parent = slash == 0 ? "/" : path.substring(0, slash);
            return "node " + path + " does not follow its parent " + parent + " in depth-first order";
        }
        branch.push(path);
        return null;
    }

    /** Whether {@code candidate} is the parent of {@code path}, whose last '/' is at {@code slash}: no substring per node. */
    private static boolean isParent(String candidate, String path, int slash) {
        return slash == 0 ? candidate.equals("/") : candidate.length() == slash && path.startsWith(candidate);
    }
}
