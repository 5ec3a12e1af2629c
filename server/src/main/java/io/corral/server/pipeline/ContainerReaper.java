package io.corral.server.pipeline;

import io.corral.protocol.proto.DeleteRequest;
import io.corral.server.config.ServerConfig;
import io.corral.server.time.Clock;
import io.corral.server.tree.DataNode;
import io.corral.server.tree.DataTree;
import io.corral.server.tree.NodeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds containers whose last child went and TTL nodes past their TTL, once every
 * {@code znode.container.checkIntervalMs}, at most {@code znode.container.maxPerMinute} a minute. The deletes go
 * through the pipeline as deleteContainer transactions, so every server of an ensemble applies the same ones.
 */
final class ContainerReaper {
    private final long intervalMs;
    private final int maxPerPass;
    private final long maxNeverUsedMs;
    private final Clock clock;
    private long lastPassMs;

    ContainerReaper(ServerConfig config, Clock clock) {
        this.intervalMs = config.containerCheckIntervalMs();
        this.maxPerPass = (int) Math.max(1, (long) config.containerMaxPerMinute() * intervalMs / 60_000);
        this.maxNeverUsedMs = config.containerMaxNeverUsedIntervalMs();
        this.clock = clock;
        this.lastPassMs = clock.monotonicMs();
    }

    List<DeleteRequest> due(DataTree tree) {
        long now = clock.monotonicMs();
        if (now - lastPassMs < intervalMs) {
            return List.of();
        }
        lastPassMs = now;
        long wallNow = clock.wallMs();
        List<DeleteRequest> out = new ArrayList<>();
        for (String path : tree.containers()) {
            DataNode n = tree.get(path);
            if (out.size() >= maxPerPass) {
                return out;
            }
            if (n != null && n.numChildren() == 0 && (n.storedCversion() > 0
                    || (maxNeverUsedMs > 0 && wallNow - n.mtime() > maxNeverUsedMs))) {
                out.add(new DeleteRequest(path, -1));
            }
        }
        for (String path : tree.ttlNodes()) {
            DataNode n = tree.get(path);
            if (out.size() >= maxPerPass) {
                return out;
            }
            if (n != null && n.numChildren() == 0 && wallNow - n.mtime() > NodeKind.ttlMs(n.ephemeralOwner())) {
                out.add(new DeleteRequest(path, -1));
            }
        }
        return out;
    }
}
