package io.corral.client;

/**
 * Maps the caller's paths into the chroot given in the connect string ({@code host:port/app}) and back. Every path
 * that goes out is prefixed; every path that comes back (created names, event paths, ephemeral lists) is stripped.
 * A server path outside the chroot, such as {@code /zookeeper/config}, is returned unchanged.
 */
public final class Chroot {
    public static final Chroot NONE = new Chroot(null);

    private final String prefix;

    private Chroot(String prefix) {
        this.prefix = prefix;
    }

    /** {@code null} and "/" mean no chroot; anything else must be a valid absolute path. */
    public static Chroot of(String path) {
        if (path == null || path.equals("/")) {
            return NONE;
        }
        PathValidator.validate(path);
        return new Chroot(path);
    }

    public boolean isNone() {
        return prefix == null;
    }

    /** The chroot path, or null when there is none. */
    public String prefix() {
        return prefix;
    }

    public String toServer(String clientPath) {
        if (prefix == null || clientPath == null) {
            return clientPath;
        }
        return clientPath.equals("/") ? prefix : prefix + clientPath;
    }

    public String toClient(String serverPath) {
        if (prefix == null || serverPath == null || !serverPath.startsWith(prefix)) {
            return serverPath;
        }
        if (serverPath.length() == prefix.length()) {
            return "/";
        }
        // "/app" must not strip "/apple": only a path below the chroot starts with prefix + '/'.
        return serverPath.charAt(prefix.length()) == '/' ? serverPath.substring(prefix.length()) : serverPath;
    }

    @Override
    public String toString() {
        return prefix == null ? "" : prefix;
    }
}
