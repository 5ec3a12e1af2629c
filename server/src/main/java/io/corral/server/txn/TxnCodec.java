package io.corral.server.txn;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.txn.CheckVersionTxn;
import io.corral.protocol.txn.CloseSessionTxn;
import io.corral.protocol.txn.CreateContainerTxn;
import io.corral.protocol.txn.CreateSessionTxn;
import io.corral.protocol.txn.CreateTTLTxn;
import io.corral.protocol.txn.CreateTxn;
import io.corral.protocol.txn.DeleteTxn;
import io.corral.protocol.txn.ErrorTxn;
import io.corral.protocol.txn.MultiTxn;
import io.corral.protocol.txn.SetACLTxn;
import io.corral.protocol.txn.SetDataTxn;
import io.corral.protocol.txn.TxnHeader;

/**
 * Transactions as Apache ZooKeeper writes them into its log: TxnHeader then the record of its type. Keeping
 * this format is what lets a ZooKeeper data directory start under Corral and back.
 */
public final class TxnCodec {
    private TxnCodec() {
    }

    public static byte[] encode(TxnHeader header, Record body) {
        JuteOutput out = JuteOutput.scratch();
        header.write(out);
        if (body != null) {
            body.write(out);
        }
        return out.toByteArray();
    }

    public static TxnRecord decode(byte[] bytes) {
        JuteInput in = new JuteInput(bytes);
        TxnHeader header = TxnHeader.read(in);
        Record body = decodeBody(header.type(), in);
        return new TxnRecord(header, body);
    }

    /** The record of a transaction of {@code type}; extra bytes after it (a TxnDigest) are left unread. */
    public static Record decodeBody(int type, JuteInput in) {
        return switch (type) {
            case OpCode.CREATE_SESSION -> CreateSessionTxn.read(in);
            // Old servers wrote closeSession without a body.
            case OpCode.CLOSE_SESSION -> in.hasRemaining() ? CloseSessionTxn.read(in) : null;
            case OpCode.ERROR -> ErrorTxn.read(in);
            case OpCode.CREATE, OpCode.CREATE2 -> CreateTxn.read(in);
            case OpCode.CREATE_CONTAINER -> CreateContainerTxn.read(in);
            case OpCode.CREATE_TTL -> CreateTTLTxn.read(in);
            case OpCode.DELETE, OpCode.DELETE_CONTAINER -> DeleteTxn.read(in);
            case OpCode.SET_DATA, OpCode.RECONFIG -> SetDataTxn.read(in);
            case OpCode.SET_ACL -> SetACLTxn.read(in);
            case OpCode.CHECK -> CheckVersionTxn.read(in);
            case OpCode.MULTI -> MultiTxn.read(in);
            default -> throw new JuteException("unknown transaction type " + type);
        };
    }
}
