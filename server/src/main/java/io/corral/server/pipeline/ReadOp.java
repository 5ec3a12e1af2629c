package io.corral.server.pipeline;

import io.corral.protocol.jute.Record;

/**
 * A client opcode answered from the tree as it is (reads, watch registration, auth, ping). Runs on the pipeline
 * thread once every earlier request of its connection has been answered.
 */
public interface ReadOp {
    /** The reply body, or null when the reply is the header alone. */
    Record execute(Request request, ReadContext ctx) throws KeeperCode;
}
