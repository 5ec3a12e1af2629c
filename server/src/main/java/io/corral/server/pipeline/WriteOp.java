package io.corral.server.pipeline;

import io.corral.protocol.jute.Record;
import io.corral.server.txn.Applied;

/**
 * A client opcode that changes state. {@link #prepare} validates the request against the tree as pending
 * transactions will leave it and builds the transaction (a failure still consumes a zxid, as an error txn);
 * {@link #reply} answers from what applying it did.
 */
public interface WriteOp {
    TxnBody prepare(int opcode, Record request, PrepareContext ctx) throws KeeperCode;

    /** The reply body for a successful apply; null when the op has none. */
    Record reply(int opcode, Applied applied);
}
