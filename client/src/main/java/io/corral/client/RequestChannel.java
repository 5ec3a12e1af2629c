package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a caller's request meets the connection: it queues the packet for the writer and waits, within the request
 * timeout, for the reply the reader hands back. A client that is already dead answers at once, without queueing.
 */
final class RequestChannel {
    private final OutgoingQueue outgoing;
    private final ConnectionLoop loop;
    private final int requestTimeoutMs;

    RequestChannel(OutgoingQueue outgoing, ConnectionLoop loop, int requestTimeoutMs) {
        this.outgoing = outgoing;
        this.loop = loop;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Sends and waits; throws unless the reply is OK. {@code clientPath} names the node in the exception. */
    Reply call(Packet packet, String clientPath) throws ZkException, InterruptedException {
        Reply reply = send(packet, clientPath);
        throwIfFailed(reply, clientPath);
        return reply;
    }

    static void throwIfFailed(Reply reply, String clientPath) throws ZkException {
        if (reply.err() != Code.OK) {
            throw new ZkException(reply.err(), clientPath);
        }
    }

    /** Sends and waits for the reply, whatever its code; only a dead client or a timeout throw. */
    Reply send(Packet packet, String clientPath) throws ZkException, InterruptedException {
        int dead = loop.deadCode();
        if (dead != Code.OK) {
            throw new ZkException(dead, clientPath);
        }
        if (!outgoing.offer(packet)) {
            throw new ZkException(Code.CONNECTIONLOSS, clientPath);
        }
        dead = loop.deadCode();
        if (dead != Code.OK) {
            // The client died while we queued: nobody will send or fail what is left in the queue.
            failAll(outgoing.drain(), dead);
        }
        try {
            return packet.result.get(requestTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ZkException(Code.REQUESTTIMEOUT, clientPath);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a request future failed; they are only ever completed", e.getCause());
        }
    }

    /**
     * Ends the session: while connected, a closeSession goes out (the server drops the session's ephemerals at once)
     * and is waited for up to {@code waitMs}; then the connection thread stops. The caller reports Closed.
     */
    void closeSession(long waitMs) throws InterruptedException {
        if (loop.state().isConnected()) {
            loop.beginStop();
            Packet closeSession = new Packet(OpCode.CLOSE_SESSION, null, null, null);
            if (outgoing.offer(closeSession)) {
                try {
                    closeSession.result.get(waitMs, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // The session will expire on the server instead.
                }
            }
        }
        loop.stop();
    }

    private static void failAll(List<Packet> packets, int code) {
        for (Packet packet : packets) {
            packet.fail(code);
        }
    }
}
