package io.corral.client;

/**
 * The client-side path check ZooKeeper's client makes before sending anything, with the same messages, so that a
 * malformed path fails fast with an IllegalArgumentException instead of a round trip and BADARGUMENTS.
 */
public final class PathValidator {
    private PathValidator() {
    }

    /** A sequential create may end with '/': the server appends the counter, so check the path as if it had one. */
    public static void validate(String path, boolean sequential) {
        validate(sequential ? path + "1" : path);
    }

    public static void validate(String path) {
        if (path == null) {
            throw new IllegalArgumentException("Path cannot be null");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Path length must be > 0");
        }
        if (path.charAt(0) != '/') {
            throw new IllegalArgumentException("Path must start with / character");
        }
        if (path.length() == 1) {
            return;
        }
        if (path.charAt(path.length() - 1) == '/') {
            throw new IllegalArgumentException("Path must not end with / character");
        }
        String reason = firstProblem(path);
        if (reason != null) {
            throw new IllegalArgumentException("Invalid path string \"" + path + "\" caused by " + reason);
        }
    }

    private static String firstProblem(String path) {
        char previous = '/';
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean segmentEnds = i + 1 == path.length() || path.charAt(i + 1) == '/';
            if (c == 0) {
                return "null character not allowed @" + i;
            } else if (c == '/' && previous == '/') {
                return "empty node name specified @" + i;
            } else if (c == '.' && previous == '.' && path.charAt(i - 2) == '/' && segmentEnds) {
                return "relative paths not allowed @" + i;
            } else if (c == '.' && previous == '/' && segmentEnds) {
                return "relative paths not allowed @" + i;
            } else if (c > '\u0000' && c <= '\u001f'
                    || c >= '\u007f' && c <= '\u009f'
                    || c >= '\ud800' && c <= '\uf8ff'
                    || c >= '\ufff0') {
                return "invalid character @" + i;
            }
            previous = c;
        }
        return null;
    }
}
