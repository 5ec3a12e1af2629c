package io.corral.protocol.proto;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;

/**
 * One result of a multi or multiRead. {@code response} is null for delete and check, which have no body; a
 * failed op has type -1 and an ErrorResponse carrying the same err.
 */
public record MultiResult(int type, int err, Record response) {
    public static MultiResult error(int err) {
        return new MultiResult(OpCode.ERROR, err, new ErrorResponse(err));
    }

    public static MultiResult of(int type, Record response) {
        return new MultiResult(type, 0, response);
    }
}
