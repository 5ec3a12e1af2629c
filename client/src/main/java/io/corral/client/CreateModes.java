package io.corral.client;

import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;

/**
 * Which create opcode a mode needs, and the TTL rules ZooKeeper's client checks before sending: a TTL mode needs
 * {@code 0 < ttl <= MAX_TTL_MS}, any other mode no ttl at all (-1).
 */
final class CreateModes {
    /** The TTL occupies the low 40 bits of the stored ephemeralOwner. */
    static final long MAX_TTL_MS = (1L << 40) - 1;

    private CreateModes() {
    }

    static void validate(int flags, long ttl) {
        if (!CreateFlags.isValid(flags)) {
            throw new IllegalArgumentException("unknown create mode " + flags + "; expected 0 to 6");
        }
        if (CreateFlags.isTtl(flags)) {
            if (ttl <= 0 || ttl > MAX_TTL_MS) {
                throw new IllegalArgumentException("ttl must be positive and cannot be larger than: " + MAX_TTL_MS);
            }
        } else if (ttl >= 0) {
            throw new IllegalArgumentException("ttl not valid for mode: " + CreateFlags.name(flags));
        }
    }

    /** The opcode of a create whose reply should carry a Stat. */
    static int create2OpCode(int flags) {
        if (CreateFlags.isTtl(flags)) {
            return OpCode.CREATE_TTL;
        }
        return CreateFlags.isContainer(flags) ? OpCode.CREATE_CONTAINER : OpCode.CREATE2;
    }

    /** The opcode inside a multi, where a plain create (1) is what ZooKeeper's client sends. */
    static int multiOpCode(int flags) {
        if (CreateFlags.isTtl(flags)) {
            return OpCode.CREATE_TTL;
        }
        return CreateFlags.isContainer(flags) ? OpCode.CREATE_CONTAINER : OpCode.CREATE;
    }
}
