package io.corral.client;

import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ReplyHeader;

/** A request's outcome: the server's header and body (null unless err is 0 and the op has one), or a local failure. */
record Reply(ReplyHeader header, Record body) {
    int err() {
        return header.err();
    }
}
