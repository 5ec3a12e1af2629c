package io.corral.server.zab.election;

/** What a server is doing, as it tells the others in its notifications. */
public enum PeerState {
    LOOKING, FOLLOWING, LEADING, OBSERVING
}
