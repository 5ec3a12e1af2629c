package io.corral.api.management;

import java.util.Map;
import java.util.TreeMap;

/**
 * A metric's name and tags: {@code request_latency} with {@code op=getData}. Names are lower_snake_case (the
 * keys of ZooKeeper's mntr where ZooKeeper has the same metric); tags are sorted by key.
 */
public record MetricId(String name, Map<String, String> tags) {
    public MetricId {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public static MetricId of(String name) {
        return new MetricId(name, Map.of());
    }
}
