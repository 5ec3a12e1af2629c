package io.corral.server.zab.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.api.auth.AuthId;
import io.corral.api.election.Vote;
import io.corral.protocol.jute.JuteException;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.election.Notification;
import io.corral.server.zab.election.PeerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZabCodecTest {
    @Test
    void everyMessageSurvivesTheRoundTrip() {
        byte[] txn = {1, 2, 3};
        List<ZabMessage> messages = List.of(new ZabMessage.FollowerInfo(7, true), new ZabMessage.LeaderInfo(8),
                new ZabMessage.AckEpoch(7, 0x700000005L), new ZabMessage.Diff(5), new ZabMessage.Trunc(6),
                new ZabMessage.NewLeader(8), new ZabMessage.UpToDate(), new ZabMessage.Commit(9),
                new ZabMessage.Ack(10), new ZabMessage.NeedSnapshot(), new ZabMessage.Ping());
        for (ZabMessage m : messages) {
            assertEquals(m, ZabCodec.decode(ZabCodec.encode(m)));
        }
        ZabMessage.Proposal p = (ZabMessage.Proposal) ZabCodec.decode(ZabCodec.encode(new ZabMessage.Proposal(11, txn)));
        assertEquals(11, p.zxid());
        assertArrayEquals(txn, p.txn());
        ZabMessage.Inform i = (ZabMessage.Inform) ZabCodec.decode(ZabCodec.encode(new ZabMessage.Inform(12, txn)));
        assertArrayEquals(txn, i.txn());
        ZabMessage.Snap s = (ZabMessage.Snap) ZabCodec.decode(ZabCodec.encode(new ZabMessage.Snap(13, txn)));
        assertArrayEquals(txn, (byte[]) s.snapshot());
    }

    @Test
    void theServersOwnMessagesSurviveTheRoundTrip() {
        List<AuthId> auth = List.of(new AuthId("ip", "127.0.0.1"), new AuthId("digest", "bob"));
        ZabMessage.Forward f = (ZabMessage.Forward) ZabCodec.decode(ZabCodec.encode(
                new ZabMessage.Forward(0x1_0000_0000_0042L, 17, 5, new byte[] {9, 8}, auth)));
        assertEquals(0x1_0000_0000_0042L, f.sessionId());
        assertEquals(17, f.cxid());
        assertEquals(5, f.type());
        assertArrayEquals(new byte[] {9, 8}, f.request());
        assertEquals(auth, f.auth());
        assertEquals(new ZabMessage.SyncDone(3, 4), ZabCodec.decode(ZabCodec.encode(new ZabMessage.SyncDone(3, 4))));
        ZabMessage.Touch t = (ZabMessage.Touch) ZabCodec.decode(ZabCodec.encode(new ZabMessage.Touch(new long[] {1, -2})));
        assertArrayEquals(new long[] {1, -2}, t.sessionIds());
    }

    @Test
    void aTouchClaimingMoreIdsThanItsFrameHoldsIsRejected() {
        byte[] frame = {17, 0x7f, 0, 0, 0};
        assertThrows(JuteException.class, () -> ZabCodec.decode(frame));
    }

    @Test
    void notificationsSurviveTheRoundTrip() {
        Notification n = new Notification(3, PeerState.FOLLOWING, new Vote(2, 0x100000009L, 1), 4);
        assertEquals(n, ZabCodec.decodeNotification(ZabCodec.encode(n)));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(JuteException.class, () -> ZabCodec.decode(new byte[] {99}));
        assertThrows(JuteException.class, () -> ZabCodec.decode(new byte[] {2, 0}));
        assertThrows(JuteException.class, () -> ZabCodec.decodeNotification(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9}));
    }
}
