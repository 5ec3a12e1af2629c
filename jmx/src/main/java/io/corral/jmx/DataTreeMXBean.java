package io.corral.jmx;

/**
 * The data tree bean ({@code ...,name1=InMemoryDataTree}), with ZooKeeper's DataTreeMXBean names: NodeCount,
 * LastZxid and WatchCount as attributes, approximateDataSize() and countEphemerals() as operations. The counts
 * are the ones the server refreshes once a second.
 */
public interface DataTreeMXBean {
    int getNodeCount();

    String getLastZxid();

    int getWatchCount();

    long approximateDataSize();

    int countEphemerals();
}
