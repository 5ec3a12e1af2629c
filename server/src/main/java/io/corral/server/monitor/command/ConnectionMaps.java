package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asLong;

import io.corral.api.management.ConnectionSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** A connection as stat and cons show it: the admin endpoint's object, and the text line derived from it. */
final class ConnectionMaps {
    private ConnectionMaps() {
    }

    /** stat's fields; with {@code brief=false} also cons's session fields. */
    static Map<String, Object> of(ConnectionSummary c, boolean brief) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remote_socket_address", address(c.remoteHost(), c.remotePort()));
        m.put("interest_ops", c.interestOps());
        m.put("outstanding_requests", c.outstandingRequests());
        m.put("packets_received", c.packetsReceived());
        m.put("packets_sent", c.packetsSent());
        if (!brief) {
            m.put("session_id", c.sessionId());
            m.put("last_operation", c.lastOperation());
            m.put("established", c.establishedMs());
            m.put("session_timeout", c.sessionTimeoutMs());
            m.put("last_cxid", c.lastCxid());
            m.put("last_zxid", c.lastZxid());
            m.put("last_response_time", c.lastResponseMs());
            m.put("last_latency", c.lastLatencyMs());
            m.put("min_latency", c.minLatencyMs());
            m.put("avg_latency", c.avgLatencyMs());
            m.put("max_latency", c.maxLatencyMs());
        }
        return m;
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    static String address(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * ZooKeeper's line: {@code  /ip:port[ops](queued=,recved=,sent=)}; for cons also the session fields, which
     * appear only once the connection has a session ({@code lcxid} only when there is one).
     */
    static String line(Map<String, Object> m) {
        StringBuilder b = new StringBuilder(160);
        long ops = asLong(m.get("interest_ops"));
        b.append(" /").append(m.get("remote_socket_address"))
                .append('[').append(ops == 0 ? "0" : Long.toHexString(ops)).append("](queued=")
                .append(asLong(m.get("outstanding_requests")))
                .append(",recved=").append(asLong(m.get("packets_received")))
                .append(",sent=").append(asLong(m.get("packets_sent")));
        long session = asLong(m.get("session_id"));
        if (session != 0) {
            b.append(",sid=0x").append(Long.toHexString(session))
                    .append(",lop=").append(m.get("last_operation"))
                    .append(",est=").append(asLong(m.get("established")))
                    .append(",to=").append(asLong(m.get("session_timeout")));
            long lastCxid = asLong(m.get("last_cxid"));
            if (lastCxid >= 0) {
                b.append(",lcxid=0x").append(Long.toHexString(lastCxid));
            }
            b.append(",lzxid=0x").append(Long.toHexString(asLong(m.get("last_zxid"))))
                    .append(",lresp=").append(asLong(m.get("last_response_time")))
                    .append(",llat=").append(asLong(m.get("last_latency")))
                    .append(",minlat=").append(asLong(m.get("min_latency")))
                    .append(",avglat=").append(asLong(m.get("avg_latency")))
                    .append(",maxlat=").append(asLong(m.get("max_latency")));
        }
        return b.append(')').toString();
    }
}
