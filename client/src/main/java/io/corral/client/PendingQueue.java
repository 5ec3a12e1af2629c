package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.proto.ReplyHeader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests written to the current connection and not yet answered, oldest first. The server answers a session's
 * requests in order, so each reply must be for the oldest one; anything else means the stream is out of step and the
 * connection cannot be trusted.
 */
final class PendingQueue {
    private final ArrayDeque<Packet> queue = new ArrayDeque<>();

    synchronized void add(Packet packet) {
        queue.addLast(packet);
    }

    synchronized int size() {
        return queue.size();
    }

    /**
     * Removes and returns the request this reply answers.
     *
     * @throws IOException if nothing is pending or the reply is for another xid; the head request is then failed
     *                     with CONNECTIONLOSS, and the caller must drop the connection
     */
    synchronized Packet match(ReplyHeader reply) throws IOException {
        Packet head = queue.pollFirst();
        if (head == null) {
            throw new IOException("reply for xid " + reply.xid() + " but no request is pending");
        }
        if (head.xid() != reply.xid()) {
            head.fail(Code.CONNECTIONLOSS);
            throw new IOException("xid out of order: got a reply for xid " + reply.xid() + " with err " + reply.err()
                    + ", expected xid " + head.xid() + " (" + head + ")");
        }
        return head;
    }

    /** Empties the queue, e.g. to fail every request when the connection is gone. */
    synchronized List<Packet> drain() {
        List<Packet> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }
}
