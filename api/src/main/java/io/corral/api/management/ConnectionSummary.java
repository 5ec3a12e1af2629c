package io.corral.api.management;

/**
 * One client connection as cons and the connection MBeans show it. Session fields are 0 (and
 * {@code lastOperation} is {@code NA}) until the connection has a session.
 *
 * @param connectionId       the server's id for the connection (for {@link ServerView#closeConnection})
 * @param remoteHost         the client's IP address, as text
 * @param remotePort         the client's port
 * @param interestOps        the selector interest set ({@code 1} = reading, {@code 0} = not)
 * @param outstandingRequests requests received and not yet answered
 * @param packetsReceived    requests received since the last reset
 * @param packetsSent        replies and notifications sent since the last reset
 * @param sessionId          the session on this connection, or 0
 * @param sessionTimeoutMs   its negotiated timeout
 * @param establishedMs      when the session was bound to this connection, ms since the epoch
 * @param lastOperation      the short tag of the last answered request ({@code GETD}, {@code CREA}, ...)
 * @param lastCxid           the xid of the last answered request, or -1
 * @param lastZxid           the zxid of the last reply
 * @param lastResponseMs     when the last reply left, ms since the epoch
 * @param lastLatencyMs      latency of the last request
 * @param minLatencyMs       smallest latency since the last reset
 * @param avgLatencyMs       average latency since the last reset
 * @param maxLatencyMs       largest latency since the last reset
 */
public record ConnectionSummary(
        long connectionId,
        String remoteHost,
        int remotePort,
        int interestOps,
        long outstandingRequests,
        long packetsReceived,
        long packetsSent,
        long sessionId,
        int sessionTimeoutMs,
        long establishedMs,
        String lastOperation,
        long lastCxid,
        long lastZxid,
        long lastResponseMs,
        long lastLatencyMs,
        long minLatencyMs,
        long avgLatencyMs,
        long maxLatencyMs) {
}
