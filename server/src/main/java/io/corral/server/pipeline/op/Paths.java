package io.corral.server.pipeline.op;

import io.corral.protocol.Code;
import io.corral.server.pipeline.KeeperCode;
import io.corral.server.tree.PathValidator;

/** Path checks shared by the ops, with ZooKeeper's error code. */
final class Paths {
    private Paths() {
    }

    static void validate(String path) throws KeeperCode {
        if (!PathValidator.isValid(path)) {
            throw new KeeperCode(Code.BADARGUMENTS);
        }
    }

    /** The cheap check ZooKeeper makes before it knows a sequential suffix: a slash and no NUL. */
    static void validateBasic(String path) throws KeeperCode {
        if (path == null || path.indexOf('/') < 0 || path.indexOf('\u0000') >= 0) {
            throw new KeeperCode(Code.BADARGUMENTS);
        }
    }
}
