package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.Xid;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.WatcherEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Handles every frame after the handshake, on the connection thread: ping replies are dropped, auth replies answer
 * the oldest auth packet, notifications become events for the watchers they fire, and anything else must answer the
 * oldest pending request. A watch is registered before its request completes, so a caller that sets a watch and then
 * makes a change is sure to hear about it.
 */
final class ReplyHandler {
    /** What the handler reports back to the connection loop. */
    interface Listener {
        /** The server rejected an auth packet; it is about to close the connection. */
        void authFailed();
    }

    private final PendingQueue pending;
    private final AuthTracker auth;
    private final WatchRegistry watches;
    private final EventDispatcher events;
    private final Chroot chroot;
    private final Session session;
    private final int maxFrameSize;
    private final Listener listener;

    ReplyHandler(PendingQueue pending, AuthTracker auth, WatchRegistry watches, EventDispatcher events, Chroot chroot,
                 Session session, int maxFrameSize, Listener listener) {
        this.pending = pending;
        this.auth = auth;
        this.watches = watches;
        this.events = events;
        this.chroot = chroot;
        this.session = session;
        this.maxFrameSize = maxFrameSize;
        this.listener = listener;
    }

    /** @throws IOException when the frame cannot be a reply on this connection; the connection must be dropped */
    void handle(ByteBuffer frame) throws IOException {
        JuteInput in = new JuteInput(frame, maxFrameSize);
        ReplyHeader header;
        try {
            header = ReplyHeader.read(in);
        } catch (JuteException e) {
            throw new IOException("malformed reply header: " + e.getMessage(), e);
        }
        switch (header.xid()) {
            case Xid.PING -> {
                // Receiving it is the point: the read timeout starts over.
            }
            case Xid.AUTH -> onAuthReply(header);
            case Xid.NOTIFICATION -> onNotification(header, in);
            default -> onReply(header, in);
        }
    }

    private void onAuthReply(ReplyHeader header) {
        Packet packet = auth.answered();
        if (header.err() == Code.AUTHFAILED) {
            listener.authFailed();
        }
        if (packet != null) {
            packet.complete(header, null);
        }
    }

    private void onNotification(ReplyHeader header, JuteInput in) throws IOException {
        WatcherEvent wire;
        try {
            wire = WatcherEvent.read(in);
        } catch (JuteException e) {
            throw new IOException("malformed watch event: " + e.getMessage(), e);
        }
        String path = chroot.toClient(wire.path());
        WatchedEvent event = new WatchedEvent(wire.type(), wire.state(), path, header.zxid());
        Set<Watcher> targets = watches.materialize(wire.type(), path);
        events.dispatch(event, targets);
    }

    private void onReply(ReplyHeader header, JuteInput in) throws IOException {
        Packet packet = pending.match(header);
        if (header.zxid() > 0) {
            session.sawZxid(header.zxid());
        }
        Record body = null;
        if (header.err() == Code.OK && packet.responseReader != null) {
            try {
                body = packet.responseReader.apply(in);
            } catch (JuteException e) {
                packet.fail(Code.MARSHALLINGERROR);
                throw new IOException("malformed reply to " + packet + ": " + e.getMessage(), e);
            }
        }
        if (packet.watch != null) {
            packet.watch.apply(header.err(), watches);
        }
        packet.complete(header, body);
    }
}
