package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asList;
import static io.corral.server.monitor.command.Values.asLong;
import static io.corral.server.monitor.command.Values.asMap;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hash: the recent (zxid, tree digest) pairs, one {@code <hex zxid>: <digest>} line each. Corral does not keep
 * tree digests yet (ZooKeeper's digest.enabled), so the list is empty, as on a ZooKeeper with digests off.
 */
final class HashCommand extends Command {
    HashCommand() {
        super("hash", "hash");
    }

    @Override
    public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("digests", List.of());
        return data;
    }

    @Override
    public String text(Map<String, Object> data, MonitorContext ctx) {
        StringBuilder b = new StringBuilder();
        for (Object entry : asList(data.get("digests"))) {
            Map<String, Object> d = asMap(entry);
            b.append(Long.toHexString(asLong(d.get("zxid")))).append(": ").append(asLong(d.get("digest"))).append('\n');
        }
        return b.toString();
    }
}
