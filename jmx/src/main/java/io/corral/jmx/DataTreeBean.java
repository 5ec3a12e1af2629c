package io.corral.jmx;

import io.corral.api.management.ServerView;

/** {@link DataTreeMXBean} over the server's gauges. */
final class DataTreeBean implements DataTreeMXBean {
    private final ServerView view;

    DataTreeBean(ServerView view) {
        this.view = view;
    }

    private long gauge(String name) {
        Number n = view.metrics().gauge(name);
        return n == null ? 0 : n.longValue();
    }

    @Override
    public int getNodeCount() {
        return (int) gauge("znode_count");
    }

    @Override
    public String getLastZxid() {
        return "0x" + Long.toHexString(gauge("last_processed_zxid"));
    }

    @Override
    public int getWatchCount() {
        return (int) gauge("watch_count");
    }

    @Override
    public long approximateDataSize() {
        return gauge("approximate_data_size");
    }

    @Override
    public int countEphemerals() {
        return (int) gauge("ephemerals_count");
    }
}
