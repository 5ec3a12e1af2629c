package io.corral.persistence.file;

import io.corral.api.persistence.LogEntry;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.TxnHeader;

/** Builds log entries as the server does: TxnHeader, then the txn record. */
final class Txns {
    static final long TIME = 1_700_000_000_000L;

    private Txns() {
    }

    static LogEntry entry(long session, int cxid, long zxid, int type, Record body) {
        JuteOutput out = new JuteOutput();
        new TxnHeader(session, cxid, zxid, TIME + zxid, type).write(out);
        if (body != null) {
            body.write(out);
        }
        return new LogEntry(zxid, out.toByteArray());
    }
}
