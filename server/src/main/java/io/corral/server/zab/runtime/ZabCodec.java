package io.corral.server.zab.runtime;

import io.corral.api.auth.AuthId;
import io.corral.api.election.Vote;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.election.Notification;
import io.corral.server.zab.election.PeerState;
import java.util.ArrayList;
import java.util.List;

/**
 * Corral's encoding of quorum traffic: a tag byte, then the fields in jute. Election notifications and
 * leader/learner messages share it; each travels on its own link. A snapshot travels as the bytes the runtime
 * produced for it.
 */
final class ZabCodec {
    private static final int NOTIFICATION = 0;
    private static final int FOLLOWER_INFO = 1;
    private static final int LEADER_INFO = 2;
    private static final int ACK_EPOCH = 3;
    private static final int DIFF = 4;
    private static final int TRUNC = 5;
    private static final int SNAP = 6;
    private static final int NEW_LEADER = 7;
    private static final int UP_TO_DATE = 8;
    private static final int PROPOSAL = 9;
    private static final int COMMIT = 10;
    private static final int INFORM = 11;
    private static final int ACK = 12;
    private static final int NEED_SNAPSHOT = 13;
    private static final int PING = 14;
    private static final int FORWARD = 15;
    private static final int SYNC_DONE = 16;
    private static final int TOUCH = 17;

    private ZabCodec() {
    }

    static byte[] encode(Notification n) {
        JuteOutput out = JuteOutput.scratch();
        out.writeByte(NOTIFICATION);
        out.writeLong(n.from());
        out.writeInt(n.state().ordinal());
        out.writeLong(n.vote().leaderId());
        out.writeLong(n.vote().zxid());
        out.writeLong(n.vote().peerEpoch());
        out.writeLong(n.round());
        return out.toByteArray();
    }

    static Notification decodeNotification(byte[] frame) {
        JuteInput in = new JuteInput(frame);
        if (in.readByte() != NOTIFICATION) {
            throw new JuteException("not an election notification");
        }
        long from = in.readLong();
        int state = in.readInt();
        if (state < 0 || state >= PeerState.values().length) {
            throw new JuteException("unknown peer state " + state);
        }
        Vote vote = new Vote(in.readLong(), in.readLong(), in.readLong());
        return new Notification(from, PeerState.values()[state], vote, in.readLong());
    }

    static byte[] encode(ZabMessage m) {
        JuteOutput out = JuteOutput.scratch();
        if (m instanceof ZabMessage.FollowerInfo x) {
            out.writeByte(FOLLOWER_INFO);
            out.writeLong(x.acceptedEpoch());
            out.writeBool(x.observer());
        } else if (m instanceof ZabMessage.LeaderInfo x) {
            tagged(out, LEADER_INFO, x.epoch());
        } else if (m instanceof ZabMessage.AckEpoch x) {
            tagged(out, ACK_EPOCH, x.currentEpoch());
            out.writeLong(x.lastZxid());
        } else if (m instanceof ZabMessage.Diff x) {
            tagged(out, DIFF, x.fromZxid());
        } else if (m instanceof ZabMessage.Trunc x) {
            tagged(out, TRUNC, x.toZxid());
        } else if (m instanceof ZabMessage.Snap x) {
            tagged(out, SNAP, x.zxid());
            out.writeBuffer((byte[]) x.snapshot());
        } else if (m instanceof ZabMessage.NewLeader x) {
            tagged(out, NEW_LEADER, x.epoch());
        } else if (m instanceof ZabMessage.UpToDate) {
            out.writeByte(UP_TO_DATE);
        } else if (m instanceof ZabMessage.Proposal x) {
            tagged(out, PROPOSAL, x.zxid());
            out.writeBuffer(x.txn());
        } else if (m instanceof ZabMessage.Commit x) {
            tagged(out, COMMIT, x.zxid());
        } else if (m instanceof ZabMessage.Inform x) {
            tagged(out, INFORM, x.zxid());
            out.writeBuffer(x.txn());
        } else if (m instanceof ZabMessage.Ack x) {
            tagged(out, ACK, x.zxid());
        } else if (m instanceof ZabMessage.NeedSnapshot) {
            out.writeByte(NEED_SNAPSHOT);
        } else if (m instanceof ZabMessage.Ping) {
            out.writeByte(PING);
        } else if (m instanceof ZabMessage.Forward x) {
            tagged(out, FORWARD, x.sessionId());
            out.writeInt(x.cxid());
            out.writeInt(x.type());
            out.writeBuffer(x.request());
            out.writeInt(x.auth().size());
            for (AuthId id : x.auth()) {
                out.writeString(id.scheme());
                out.writeString(id.id());
            }
        } else if (m instanceof ZabMessage.SyncDone x) {
            tagged(out, SYNC_DONE, x.sessionId());
            out.writeInt(x.cxid());
        } else if (m instanceof ZabMessage.Touch x) {
            out.writeByte(TOUCH);
            out.writeInt(x.sessionIds().length);
            for (long id : x.sessionIds()) {
                out.writeLong(id);
            }
        } else {
            throw new IllegalArgumentException("no encoding for " + m);
        }
        return out.toByteArray();
    }

    private static void tagged(JuteOutput out, int tag, long value) {
        out.writeByte(tag);
        out.writeLong(value);
    }

    static ZabMessage decode(byte[] frame) {
        JuteInput in = new JuteInput(frame);
        int tag = in.readByte();
        ZabMessage m = switch (tag) {
            case FOLLOWER_INFO -> new ZabMessage.FollowerInfo(in.readLong(), in.readBool());
            case LEADER_INFO -> new ZabMessage.LeaderInfo(in.readLong());
            case ACK_EPOCH -> new ZabMessage.AckEpoch(in.readLong(), in.readLong());
            case DIFF -> new ZabMessage.Diff(in.readLong());
            case TRUNC -> new ZabMessage.Trunc(in.readLong());
            case SNAP -> new ZabMessage.Snap(in.readLong(), in.readBuffer());
            case NEW_LEADER -> new ZabMessage.NewLeader(in.readLong());
            case UP_TO_DATE -> new ZabMessage.UpToDate();
            case PROPOSAL -> new ZabMessage.Proposal(in.readLong(), in.readBuffer());
            case COMMIT -> new ZabMessage.Commit(in.readLong());
            case INFORM -> new ZabMessage.Inform(in.readLong(), in.readBuffer());
            case ACK -> new ZabMessage.Ack(in.readLong());
            case NEED_SNAPSHOT -> new ZabMessage.NeedSnapshot();
            case PING -> new ZabMessage.Ping();
            case FORWARD -> decodeForward(in);
            case SYNC_DONE -> new ZabMessage.SyncDone(in.readLong(), in.readInt());
            case TOUCH -> {
                long[] ids = new long[count(in, 8)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = in.readLong();
                }
                yield new ZabMessage.Touch(ids);
            }
            default -> throw new JuteException("unknown quorum message tag " + tag);
        };
        in.expectEnd("quorum message " + tag);
        return m;
    }

    private static ZabMessage.Forward decodeForward(JuteInput in) {
        long session = in.readLong();
        int cxid = in.readInt();
        int type = in.readInt();
        byte[] request = in.readBuffer();
        int n = count(in, 8);
        List<AuthId> auth = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            auth.add(new AuthId(in.readString(), in.readString()));
        }
        return new ZabMessage.Forward(session, cxid, type, request == null ? new byte[0] : request, auth);
    }

    /** A count read from the wire, refused when the frame cannot hold that many items of at least minBytes. */
    private static int count(JuteInput in, int minBytes) {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new JuteException("unreasonable count " + n + " in a quorum message");
        }
        return n;
    }
}
