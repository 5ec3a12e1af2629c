package io.corral.server.monitor;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.corral.protocol.OpCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's Dropwizard {@link MetricRegistry} and the metrics it records on the request path.
 *
 * <p>Names: where ZooKeeper has the same metric, its mntr key ({@code readlatency}, {@code fsynctime},
 * {@code bytes_received_count}), so that mntr, the Prometheus text and JMX all carry the names existing
 * dashboards know. Tags are folded into the registry name as {@code name{key=value}}; {@link #idOf} splits them.
 */
public final class ServerMetrics {
    /** Request latency from arrival to reply, per opcode (a Dropwizard timer, nanoseconds). */
    public static final String REQUEST_LATENCY = "request_latency";

    private final MetricRegistry registry = new MetricRegistry();
    private final Map<Integer, Timer> requestTimers = new ConcurrentHashMap<>();

    /** Latency of reads and of writes, in ms (ZooKeeper's readlatency and updatelatency). */
    final Summary readLatency = summary("readlatency", true);
    final Summary updateLatency = summary("updatelatency", true);
    /** Time of one log commit (the fsync of a group commit), ms. */
    final Summary fsyncTime = summary("fsynctime", false);
    /** Entries made durable by one commit (ZooKeeper's sync_processor_batch_size). */
    final Summary logBatchSize = summary("sync_processor_batch_size", false);
    /** Time to write one snapshot, ms. */
    final Summary snapshotTime = summary("snapshottime", false);

    final Counter bytesReceived = registry.counter("bytes_received_count");
    /** Bytes of every frame queued for clients: replies, notifications, connect responses. */
    final Counter responseBytes = registry.counter("response_bytes");
    final Counter snapshots = registry.counter("snap_count");
    final Counter fsyncs = registry.counter("fsync_count");

    public MetricRegistry registry() {
        return registry;
    }

    private Summary summary(String name, boolean percentiles) {
        return registry.register(name, new Summary(percentiles));
    }

    /** Registers a gauge under {@code name}, replacing one of the same name. */
    public <T extends Number> void gauge(String name, Supplier<T> value) {
        registry.remove(name);
        registry.register(name, (Gauge<T>) value::get);
    }

    /**
     * A timer on the lock-free decaying reservoir: the default one takes a lock and a skip-list insert per
     * update, on the pipeline thread for every request (6% of a follower's samples in an ensemble profile).
     */
    private static Timer requestTimer() {
        return new Timer(LockFreeExponentiallyDecayingReservoir.builder().build());
    }

    void requestDone(int opcode, boolean write, long latencyNanos) {
        requestTimers.computeIfAbsent(opcode, op -> registry.timer(tagged(REQUEST_LATENCY, "op", opName(op)),
                        ServerMetrics::requestTimer))
                .update(latencyNanos, TimeUnit.NANOSECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(latencyNanos);
        (write ? updateLatency : readLatency).update(ms);
    }

    /** Zeroes what ZooKeeper's srst zeroes: every summary and counter (per-op timers keep their history). */
    void reset() {
        for (Metric m : registry.getMetrics().values()) {
            if (m instanceof Summary s) {
                s.reset();
            } else if (m instanceof Counter c) {
                c.dec(c.getCount());
            }
        }
    }

    /** {@code name{key=value}}: how a tagged metric is named in the registry. */
    public static String tagged(String name, String key, String value) {
        return name + "{" + key + "=" + value + "}";
    }

    /** The opcode's name as ZooKeeper's OpCode constants spell it, in camelCase, for the {@code op} tag. */
    static String opName(int op) {
        return switch (op) {
            case OpCode.CREATE -> "create";
            case OpCode.CREATE2 -> "create2";
            case OpCode.CREATE_CONTAINER -> "createContainer";
            case OpCode.CREATE_TTL -> "createTTL";
            case OpCode.DELETE -> "delete";
            case OpCode.DELETE_CONTAINER -> "deleteContainer";
            case OpCode.EXISTS -> "exists";
            case OpCode.GET_DATA -> "getData";
            case OpCode.SET_DATA -> "setData";
            case OpCode.GET_ACL -> "getACL";
            case OpCode.SET_ACL -> "setACL";
            case OpCode.GET_CHILDREN -> "getChildren";
            case OpCode.GET_CHILDREN2 -> "getChildren2";
            case OpCode.SYNC -> "sync";
            case OpCode.PING -> "ping";
            case OpCode.CHECK -> "check";
            case OpCode.MULTI -> "multi";
            case OpCode.MULTI_READ -> "multiRead";
            case OpCode.RECONFIG -> "reconfig";
            case OpCode.CHECK_WATCHES -> "checkWatches";
            case OpCode.REMOVE_WATCHES -> "removeWatches";
            case OpCode.AUTH -> "auth";
            case OpCode.SET_WATCHES -> "setWatches";
            case OpCode.SET_WATCHES2 -> "setWatches2";
            case OpCode.SASL -> "sasl";
            case OpCode.GET_EPHEMERALS -> "getEphemerals";
            case OpCode.GET_ALL_CHILDREN_NUMBER -> "getAllChildrenNumber";
            case OpCode.ADD_WATCH -> "addWatch";
            case OpCode.WHO_AM_I -> "whoAmI";
            case OpCode.CREATE_SESSION -> "createSession";
            case OpCode.CLOSE_SESSION -> "closeSession";
            default -> "unknown";
        };
    }
}
