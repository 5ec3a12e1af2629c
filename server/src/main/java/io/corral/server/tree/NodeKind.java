package io.corral.server.tree;

/**
 * What the stored ephemeralOwner says a node is. ZooKeeper packs container and TTL markers into that field;
 * we keep the same encoding so that snapshots and logs stay compatible.
 */
public final class NodeKind {
    public static final long CONTAINER_MARKER = Long.MIN_VALUE;
    private static final long EXTENDED_MASK = 0xff00000000000000L;
    /** Bits 40-55: the extended type; 0 is TTL, the only one that exists. */
    private static final long EXTENDED_TYPE_MASK = 0x00ffff0000000000L;
    private static final long TTL_MASK = 0x000000ffffffffffL;
    /** Largest TTL a node can carry: 40 bits of milliseconds. */
    public static final long MAX_TTL_MS = TTL_MASK;

    private NodeKind() {
    }

    public static long ttlOwner(long ttlMs) {
        return EXTENDED_MASK | ttlMs;
    }

    public static boolean isContainer(long owner) {
        return owner == CONTAINER_MARKER;
    }

    /** Only meaningful when extended types are enabled; otherwise such an owner is a session id. */
    public static boolean isTtl(long owner, boolean extendedTypes) {
        return extendedTypes && (owner & EXTENDED_MASK) == EXTENDED_MASK && (owner & EXTENDED_TYPE_MASK) == 0;
    }

    public static long ttlMs(long owner) {
        return owner & TTL_MASK;
    }

    /** The session that owns an ephemeral node, or 0 for persistent, container and TTL nodes. */
    public static long sessionOf(long owner, boolean extendedTypes) {
        if (owner == 0 || isContainer(owner) || isTtl(owner, extendedTypes)) {
            return 0;
        }
        return owner;
    }
}
