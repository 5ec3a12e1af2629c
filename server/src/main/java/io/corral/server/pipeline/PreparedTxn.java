package io.corral.server.pipeline;

import io.corral.server.txn.TxnRecord;

/**
 * A transaction with its zxid, ready for the log, and the request it answers (null for the server's own:
 * session expiry, container reaping). {@code bytes} is its log encoding, made once at prepare.
 */
public record PreparedTxn(TxnRecord txn, byte[] bytes, Request request) {
    long zxid() {
        return txn.zxid();
    }
}
