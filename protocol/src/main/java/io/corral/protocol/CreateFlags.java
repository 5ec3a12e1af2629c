package io.corral.protocol;

/**
 * CreateRequest.flags: ZooKeeper's CreateMode as its wire number. Not a bit set (CONTAINER is 4 but 5 is not
 * an ephemeral container), hence the helpers.
 */
public final class CreateFlags {
    public static final int PERSISTENT = 0;
    public static final int EPHEMERAL = 1;
    public static final int PERSISTENT_SEQUENTIAL = 2;
    public static final int EPHEMERAL_SEQUENTIAL = 3;
    public static final int CONTAINER = 4;
    public static final int PERSISTENT_WITH_TTL = 5;
    public static final int PERSISTENT_SEQUENTIAL_WITH_TTL = 6;

    private CreateFlags() {
    }

    public static boolean isValid(int flags) {
        return flags >= PERSISTENT && flags <= PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    public static boolean isEphemeral(int flags) {
        return flags == EPHEMERAL || flags == EPHEMERAL_SEQUENTIAL;
    }

    public static boolean isSequential(int flags) {
        return flags == PERSISTENT_SEQUENTIAL
                || flags == EPHEMERAL_SEQUENTIAL
                || flags == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    public static boolean isContainer(int flags) {
        return flags == CONTAINER;
    }

    public static boolean isTtl(int flags) {
        return flags == PERSISTENT_WITH_TTL || flags == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    /** The name of ZooKeeper's CreateMode constant, or "UNKNOWN(n)". */
    public static String name(int flags) {
        return switch (flags) {
            case PERSISTENT -> "PERSISTENT";
            case EPHEMERAL -> "EPHEMERAL";
            case PERSISTENT_SEQUENTIAL -> "PERSISTENT_SEQUENTIAL";
            case EPHEMERAL_SEQUENTIAL -> "EPHEMERAL_SEQUENTIAL";
            case CONTAINER -> "CONTAINER";
            case PERSISTENT_WITH_TTL -> "PERSISTENT_WITH_TTL";
            case PERSISTENT_SEQUENTIAL_WITH_TTL -> "PERSISTENT_SEQUENTIAL_WITH_TTL";
            default -> "UNKNOWN(" + flags + ")";
        };
    }
}
