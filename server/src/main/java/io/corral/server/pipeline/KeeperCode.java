package io.corral.server.pipeline;

/**
 * A request failed with a ZooKeeper error code. Thrown for control flow only, so it carries no stack trace.
 */
public final class KeeperCode extends Exception {
    private final int code;

    public KeeperCode(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    @Override
    public String getMessage() {
        return io.corral.protocol.Code.name(code);
    }
}
