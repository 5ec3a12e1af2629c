package io.corral.server.pipeline;

import io.corral.api.auth.AuthId;
import io.corral.server.session.Session;
import io.corral.server.watch.WatchEvent;
import io.corral.server.watch.Watcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's view of one connection: its session, its authenticated ids, and the requests it has in
 * flight in arrival order. Owned by the pipeline thread.
 *
 * <p>Ordering: {@code inFlight} holds, in order, the writes awaiting their commit and the reads queued behind
 * them. A read is answered at once when nothing is ahead of it; otherwise it waits for the write before it, so
 * every reply leaves in request order and a read sees its own session's earlier writes.
 */
public final class ConnectionState implements Watcher {
    final ClientLink link;
    final ArrayDeque<Request> inFlight = new ArrayDeque<>();
    final List<AuthId> authIds = new ArrayList<>(2);
    final ConnectionStats stats = new ConnectionStats();
    Session session;
    boolean closed;
    /** A reply that ends the connection is queued (failed auth, enforce.auth): later requests are dropped. */
    boolean closeAfterReply;
    /** Set for clients that sent no readOnly flag; their ConnectResponse must not carry one either. */
    boolean legacyClient;
    private final ReplyWriter writer;

    ConnectionState(ClientLink link, ReplyWriter writer) {
        this.link = link;
        this.writer = writer;
    }

    public ClientLink link() {
        return link;
    }

    public long sessionId() {
        return session == null ? 0 : session.id();
    }

    public List<AuthId> authIds() {
        return authIds;
    }

    public ConnectionStats stats() {
        return stats;
    }

    @Override
    public void deliver(WatchEvent event) {
        if (!closed) {
            link.send(event.frame(writer::notificationFrame));
            stats.countSent();
        }
    }
}
