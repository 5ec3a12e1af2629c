package io.corral.server.monitor;

import java.util.List;

/** The read-only view of a running server that monitoring commands render. */
public interface ServerView {
    ServerStats stats();

    long lastZxid();

    /** Node count as ZooKeeper reports it (srvr's "Node count"). */
    int nodeCount();

    /** standalone, leader, follower, observer or read-only. */
    String mode();

    int connectionCount();

    /** One stat-style line per connection: {@code /ip:port[ops](queued=,recved=,sent=)}. */
    List<String> connectionLines();
}
