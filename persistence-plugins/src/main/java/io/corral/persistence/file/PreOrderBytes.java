package io.corral.persistence.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link PreOrder}'s check on a path's UTF-8 bytes as they lie in the file, for the validating first pass of a
 * snapshot load: it accepts what PreOrder accepts for the decoded paths ('/' never occurs inside a multi-byte
 * sequence, so parents are found the same way; bytes that are not UTF-8 are held to be different, never equal,
 * and a path with an empty segment such as "//b", which no client can create, is refused rather than filed under
 * the root),
 * without a String per node. The current branch is kept in one reusable array per depth, so a million nodes
 * cost no allocation: on a cold start-up that pass was a third of the time spent loading the snapshot.
 */
final class PreOrderBytes {
    private byte[][] branch = new byte[16][64];
    private int[] lengths = new int[16];
    private int depth;
    private boolean started;

    /**
     * Null if the path {@code path[0, length)} may come next (file paths: the root is "" on disk, accepted as "/"
     * too); otherwise what is wrong.
     */
    String next(byte[] path, int length) {
        if (!started) {
            started = true;
            if (length > 1 || (length == 1 && path[0] != '/')) {
                return "the first node is " + text(path, length) + ", not the root";
            }
            push(path, 0); // the root, kept as the empty prefix of every other path
            return null;
        }
        int slash = lastSlash(path, length);
        if (slash < 0 || length == 1 || path[length - 1] == '/') {
            return "'" + text(path, length) + "' is not a valid node path here";
        }
        while (depth > 0 && !isParent(depth - 1, path, slash)) {
            depth--;
        }
        if (depth == 0) {
            String parent = slash == 0 ? "/" : text(path, slash);
            return "node " + text(path, length) + " does not follow its parent " + parent + " in depth-first order";
        }
        push(path, length);
        return null;
    }

    /** The root (level 0, length 0) is the parent of "/x"; any other level when it holds exactly path[0, slash). */
    private boolean isParent(int level, byte[] path, int slash) {
        int n = lengths[level];
        if (slash == 0) {
            return n == 0;
        }
        return n == slash && Arrays.equals(branch[level], 0, n, path, 0, n);
    }

    private void push(byte[] path, int length) {
        if (depth == branch.length) {
            branch = Arrays.copyOf(branch, depth * 2);
            lengths = Arrays.copyOf(lengths, depth * 2);
        }
        byte[] slot = branch[depth];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(length, 64)];
            branch[depth] = slot;
        }
        System.arraycopy(path, 0, slot, 0, length);
        lengths[depth] = length;
        depth++;
    }

    private static int lastSlash(byte[] path, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] path, int length) {
        return new String(path, 0, length, StandardCharsets.UTF_8);
    }
}
