package io.corral.client;

import io.corral.protocol.data.Stat;

/** One result of {@link ZkClient#multi}, in the order of the ops. Created paths are inside the chroot. */
public sealed interface OpResult {
    /** {@code stat} is null when the server answered a plain create (op 1), which carries no Stat. */
    record Create(String path, Stat stat) implements OpResult {
    }

    record Delete() implements OpResult {
    }

    record SetData(Stat stat) implements OpResult {
    }

    record Check() implements OpResult {
    }

    /**
     * The op failed ({@code err} is its code), or it did not run because another op failed
     * ({@code err} = RUNTIMEINCONSISTENCY for the ops after the failed one, OK for those before it).
     */
    record Error(int err) implements OpResult {
    }
}
