package io.corral.server.pipeline;

import io.corral.protocol.KeeperState;
import io.corral.protocol.Xid;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.WatcherEvent;
import io.corral.server.watch.WatchEvent;

/**
 * Encodes frames (length prefix, header, body) in one reusable buffer. Owned by the pipeline thread; each call
 * returns a fresh array the network layer may keep.
 */
final class ReplyWriter {
    private final JuteOutput out = new JuteOutput(4096);

    byte[] reply(int xid, long zxid, int err, Record body) {
        out.reset();
        out.writeInt(0);
        new ReplyHeader(xid, zxid, err).write(out);
        // A failed request is answered with the header alone; the client reads no body when err != 0.
        if (body != null && err == 0) {
            body.write(out);
        }
        return finish();
    }

    byte[] notificationFrame(WatchEvent e) {
        out.reset();
        out.writeInt(0);
        new ReplyHeader(Xid.NOTIFICATION, e.zxid(), 0).write(out);
        new WatcherEvent(e.type(), KeeperState.SYNC_CONNECTED, e.path()).write(out);
        return finish();
    }

    byte[] connectResponse(ConnectResponse response, boolean legacyClient) {
        out.reset();
        out.writeInt(0);
        if (legacyClient) {
            response.writeWithoutReadOnly(out);
        } else {
            response.write(out);
        }
        return finish();
    }

    private byte[] finish() {
        out.setInt(0, out.size() - 4);
        return out.toByteArray();
    }
}
