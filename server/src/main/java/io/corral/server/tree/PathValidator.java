package io.corral.server.tree;

/**
 * ZooKeeper's path rules: absolute, no empty, "." or ".." segment, no trailing slash except the root, none of
 * the control or private-use characters ZooKeeper rejects.
 */
public final class PathValidator {
    private PathValidator() {
    }

    /** The reason {@code path} is invalid, or null when it is valid. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "path must not be empty";
        }
        if (path.charAt(0) != '/') {
            return "path must start with /";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path must not end with /";
        }
        char last = '/';
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0 || (c > 0 && c < 0x20) || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0)) {
                return "invalid character \\u" + String.format("%04x", (int) c) + " at " + i;
            }
            if (c == '/' && last == '/') {
                return "empty segment at " + i;
            }
            if (c == '.' && last == '.' && path.charAt(i - 2) == '/'
                    && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
                return "relative segment .. at " + i;
            }
            if (c == '.' && last == '/' && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
                return "relative segment . at " + i;
            }
            last = c;
        }
        return null;
    }

    public static boolean isValid(String path) {
        return problem(path) == null;
    }
}
