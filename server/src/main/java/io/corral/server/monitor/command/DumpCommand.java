package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asList;
import static io.corral.server.monitor.command.Values.asLong;
import static io.corral.server.monitor.command.Values.asMap;

import io.corral.api.management.ConnectionSummary;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import io.corral.server.monitor.PipelineState;
import io.corral.server.session.Session;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * dump: sessions by expiry time and ephemeral nodes by session, read on the pipeline thread. Expiry times are
 * the session table's bucket times (monotonic ms, as ZooKeeper's are elapsed ms); the text prints them as dates.
 * The text's connection part groups the connections by their session's expiry bucket (ZooKeeper's NIO layer
 * keeps such buckets for connections; Corral's expires sessions only, so it shows the session's).
 */
final class DumpCommand extends Command {
    DumpCommand() {
        super("dump", "dump");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
        return ctx.read(DumpCommand::collect);
    }

    private static Map<String, Object> collect(PipelineState s) {
        TreeMap<Long, List<Object>> byExpiry = new TreeMap<>();
        TreeMap<Long, List<String>> ephemerals = new TreeMap<>();
        for (Session session : s.sessions().all()) {
            Long bucket = s.sessions().expiryQueue().deadlineOf(session.id());
            if (bucket != null) {
                byExpiry.computeIfAbsent(bucket, b -> new ArrayList<>()).add(session.id());
            }
            Set<String> own = s.tree().ephemeralsOf(session.id());
            if (!own.isEmpty()) {
                ephemerals.put(session.id(), new ArrayList<>(new java.util.TreeSet<>(own)));
            }
        }
        Map<String, Object> expiry = new LinkedHashMap<>();
        byExpiry.forEach((time, ids) -> expiry.put(Long.toString(time), ids));
        Map<String, Object> paths = new LinkedHashMap<>();
        ephemerals.forEach((id, list) -> paths.put(Long.toString(id), list));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("expiry_time_to_session_ids", expiry);
        data.put("session_id_to_ephemeral_paths", paths);
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        long wallMinusMonotonic = ctx.clock().wallMs() - ctx.clock().monotonicMs();
        Map<String, Object> expiry = asMap(data.get("expiry_time_to_session_ids"));
        Map<String, Object> ephemerals = asMap(data.get("session_id_to_ephemeral_paths"));
        StringBuilder b = new StringBuilder(1024);
        b.append("SessionTracker dump:\n");
        int sessions = 0;
        Map<Long, Long> bucketOfSession = new java.util.HashMap<>();
        for (Map.Entry<String, Object> e : expiry.entrySet()) {
            for (Object id : asList(e.getValue())) {
                bucketOfSession.put(asLong(id), Long.parseLong(e.getKey()));
                sessions++;
            }
        }
        b.append("Session Sets (").append(expiry.size()).append(")/(").append(sessions).append("):\n");
        for (Map.Entry<String, Object> e : expiry.entrySet()) {
            List<Object> ids = asList(e.getValue());
            b.append(ids.size()).append(" expire at ").append(date(Long.parseLong(e.getKey()), wallMinusMonotonic))
                    .append(":\n");
            for (Object id : ids) {
                b.append("\t0x").append(Long.toHexString(asLong(id))).append('\n');
            }
        }
        b.append("ephemeral nodes dump:\n");
        b.append("Sessions with Ephemerals (").append(ephemerals.size()).append("):\n");
        for (Map.Entry<String, Object> e : ephemerals.entrySet()) {
            b.append("0x").append(Long.toHexString(Long.parseLong(e.getKey()))).append(":\n");
            for (Object path : asList(e.getValue())) {
                b.append('\t').append(path).append('\n');
            }
        }
        b.append("Connections dump:\n");
        // Connections without a session are listed as due one tick from now, when ZooKeeper would drop them.
        long soon = ctx.clock().monotonicMs() + ctx.config().tickTimeMs();
        TreeMap<Long, List<ConnectionSummary>> groups = new TreeMap<>();
        List<ConnectionSummary> connections = ctx.connections();
        for (ConnectionSummary c : connections) {
            long bucket = bucketOfSession.getOrDefault(c.sessionId(), soon);
            groups.computeIfAbsent(bucket, k -> new ArrayList<>()).add(c);
        }
        b.append("Connections Sets (").append(groups.size()).append(")/(").append(connections.size()).append("):\n");
        groups.forEach((bucket, list) -> {
            b.append(list.size()).append(" expire at ").append(date(bucket, wallMinusMonotonic)).append(":\n");
            for (ConnectionSummary c : list) {
                b.append("\tip: /").append(ConnectionMaps.address(c.remoteHost(), c.remotePort()))
                        .append(" sessionId: 0x").append(Long.toHexString(c.sessionId())).append('\n');
            }
        });
        return b.toString();
    }

    private static String date(long monotonicMs, long wallMinusMonotonic) {
        return new Date(monotonicMs + wallMinusMonotonic).toString();
    }
}
