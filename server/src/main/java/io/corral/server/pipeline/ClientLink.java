package io.corral.server.pipeline;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The pipeline's handle on a client connection; the network layer implements it.
 *
 * <p>Contract: {@link #send} is thread-safe and keeps the order of calls; frames already sent are flushed before
 * a {@link #close}. {@link #requestCompleted()} is called once per request the pipeline has answered, so that
 * the network layer can bound how many requests a connection has in flight.
 */
public interface ClientLink {
    long connectionId();

    InetSocketAddress remoteAddress();

    /** Queues one complete frame (length prefix included). */
    void send(byte[] frame);

    void requestCompleted();

    /** Closes after the queued frames are written; {@code reason} goes to the log. */
    void close(String reason);

    /**
     * True while the client has not read enough of what was sent to it; the pipeline then holds back further
     * reads of this connection until {@link Pipeline#drained} says the backlog went down.
     */
    boolean congested();

    /** Called when the session is bound, so that every frame received from then on renews it. */
    void bindSession(long sessionId, int timeoutMs);

    /**
     * The client's verified TLS certificate chain, its own certificate first; empty on the plain port or when the
     * client presented none.
     */
    default List<X509Certificate> peerCertificates() {
        return List.of();
    }
}
