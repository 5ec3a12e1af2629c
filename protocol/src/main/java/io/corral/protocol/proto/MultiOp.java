package io.corral.protocol.proto;

import io.corral.protocol.jute.Record;

/**
 * One operation of a multi or multiRead: the opcode from its header and its request record (CreateRequest,
 * CreateTTLRequest, DeleteRequest, SetDataRequest, CheckVersionRequest, GetDataRequest or GetChildrenRequest).
 */
public record MultiOp(int type, Record request) {
}
