package io.corral.persistence.file;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
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
import io.corral.protocol.txn.Txn;
import io.corral.protocol.txn.TxnHeader;
import java.time.Instant;
import java.util.StringJoiner;

/** One log entry as a line for people: zxid, time, session, type and what it touched. */
final class TxnDescriber {
    private TxnDescriber() {
    }

    static String describe(byte[] entry) {
        JuteInput in = new JuteInput(entry);
        TxnHeader h = TxnHeader.read(in);
        String body;
        try {
            body = body(h.type(), in);
        } catch (JuteException e) {
            body = "<undecodable " + OpCode.name(h.type()) + " body: " + e.getMessage() + ">";
        }
        return "0x" + Long.toHexString(h.zxid()) + " " + Instant.ofEpochMilli(h.time()) + " session 0x"
                + Long.toHexString(h.clientId()) + " cxid 0x" + Integer.toHexString(h.cxid()) + " "
                + OpCode.name(h.type()) + (body.isEmpty() ? "" : " " + body);
    }

    /** The record after the header; a TxnDigest may follow it and is not shown. */
    private static String body(int type, JuteInput in) {
        switch (type) {
            case OpCode.CREATE_SESSION:
                return "timeout " + CreateSessionTxn.read(in).timeOut() + " ms";
            case OpCode.CLOSE_SESSION:
                // Logs of servers before 3.5 have no body for closeSession.
                return in.hasRemaining() ? deletes(CloseSessionTxn.read(in)) : "";
            case OpCode.CREATE:
            case OpCode.CREATE2: {
                CreateTxn t = CreateTxn.read(in);
                return t.path() + (t.ephemeral() ? " ephemeral" : "") + dataLength(t.data());
            }
            case OpCode.CREATE_CONTAINER:
                return CreateContainerTxn.read(in).path() + " container";
            case OpCode.CREATE_TTL: {
                CreateTTLTxn t = CreateTTLTxn.read(in);
                return t.path() + " ttl " + t.ttl() + " ms";
            }
            case OpCode.DELETE:
            case OpCode.DELETE_CONTAINER:
                return DeleteTxn.read(in).path();
            case OpCode.SET_DATA:
            case OpCode.RECONFIG: {
                SetDataTxn t = SetDataTxn.read(in);
                return t.path() + " version " + t.version() + dataLength(t.data());
            }
            case OpCode.SET_ACL: {
                SetACLTxn t = SetACLTxn.read(in);
                return t.path() + " aversion " + t.version();
            }
            case OpCode.CHECK: {
                CheckVersionTxn t = CheckVersionTxn.read(in);
                return t.path() + " version " + t.version();
            }
            case OpCode.ERROR: {
                int err = ErrorTxn.read(in).err();
                return "err " + err + " " + Code.name(err);
            }
            case OpCode.MULTI: {
                StringJoiner ops = new StringJoiner("; ", "[", "]");
                for (Txn sub : MultiTxn.read(in).txns()) {
                    JuteInput subIn = new JuteInput(sub.data() == null ? new byte[0] : sub.data());
                    String b = body(sub.type(), subIn);
                    ops.add(OpCode.name(sub.type()) + (b.isEmpty() ? "" : " " + b));
                }
                return ops.toString();
            }
            default:
                return "(" + in.remaining() + " bytes not decoded)";
        }
    }

    private static String deletes(CloseSessionTxn t) {
        return t.paths2Delete() == null || t.paths2Delete().isEmpty() ? ""
                : "deletes " + String.join(" ", t.paths2Delete());
    }

    private static String dataLength(byte[] data) {
        return " dataLength " + (data == null ? -1 : data.length);
    }
}
