package io.corral.server.tree;

/** Parent, name and child of slash-separated paths. Paths reaching here are already valid. */
public final class PathUtil {
    private PathUtil() {
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String parent, String name) {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }
}
