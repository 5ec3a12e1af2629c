package io.corral.server.txn;

import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.TxnHeader;

/** A transaction: its header and the record of its type (null for a closeSession of an old log). */
public record TxnRecord(TxnHeader header, Record body) {
    public long zxid() {
        return header.zxid();
    }

    public int type() {
        return header.type();
    }
}
