package io.corral.server.zab;

/** The states of a peer, as srvr's Mode and the election report them. */
public enum ZabRole {
    LOOKING, FOLLOWING, LEADING, OBSERVING
}
