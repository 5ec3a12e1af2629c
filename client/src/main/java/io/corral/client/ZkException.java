package io.corral.client;

import io.corral.protocol.Code;
import java.util.List;

/**
 * A request failed with a ZooKeeper error code: sent by the server ({@code NONODE}, {@code BADVERSION} ...) or made by
 * the client ({@code CONNECTIONLOSS}, {@code REQUESTTIMEOUT}, {@code SESSIONEXPIRED} after close or expiry).
 * The message has ZooKeeper's wording, {@code KeeperErrorCode = NoNode for /a}, which scripts and people know.
 */
public final class ZkException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String path;
    private final transient List<OpResult> results;

    public ZkException(int code, String path) {
        this(code, path, null);
    }

    /** For a failed multi: {@code results} holds one entry per op, the failed one an {@link OpResult.Error}. */
    public ZkException(int code, String path, List<OpResult> results) {
        super(message(code, path));
        this.code = code;
        this.path = path;
        this.results = results == null ? null : List.copyOf(results);
    }

    /** A {@link Code} constant. */
    public int code() {
        return code;
    }

    /** The path as the caller gave it (inside the chroot), or null. */
    public String path() {
        return path;
    }

    /** The per-op results when a multi failed, otherwise null. */
    public List<OpResult> results() {
        return results;
    }

    private static String message(int code, String path) {
        String text = "KeeperErrorCode = " + codeMessage(code);
        return path == null || path.isEmpty() ? text : text + " for " + path;
    }

    /** ZooKeeper's wording for a code, as in its KeeperException messages. */
    public static String codeMessage(int code) {
        return switch (code) {
            case Code.OK -> "ok";
            case Code.SYSTEMERROR -> "SystemError";
            case Code.RUNTIMEINCONSISTENCY -> "RuntimeInconsistency";
            case Code.DATAINCONSISTENCY -> "DataInconsistency";
            case Code.CONNECTIONLOSS -> "ConnectionLoss";
            case Code.MARSHALLINGERROR -> "MarshallingError";
            case Code.NEWCONFIGNOQUORUM -> "NewConfigNoQuorum";
            case Code.RECONFIGINPROGRESS -> "ReconfigInProgress";
            case Code.UNIMPLEMENTED -> "Unimplemented";
            case Code.OPERATIONTIMEOUT -> "OperationTimeout";
            case Code.BADARGUMENTS -> "BadArguments";
            case Code.UNKNOWNSESSION -> "UnknownSession";
            case Code.APIERROR -> "APIError";
            case Code.NONODE -> "NoNode";
            case Code.NOAUTH -> "NoAuth";
            case Code.BADVERSION -> "BadVersion";
            case Code.NOCHILDRENFOREPHEMERALS -> "NoChildrenForEphemerals";
            case Code.NODEEXISTS -> "NodeExists";
            case Code.INVALIDACL -> "InvalidACL";
            case Code.AUTHFAILED -> "AuthFailed";
            case Code.NOTEMPTY -> "Directory not empty";
            case Code.SESSIONEXPIRED -> "Session expired";
            case Code.INVALIDCALLBACK -> "Invalid callback";
            case Code.SESSIONMOVED -> "Session moved";
            case Code.NOTREADONLY -> "Not a read-only call";
            case Code.EPHEMERALONLOCALSESSION -> "Ephemeral node on local session";
            case Code.NOWATCHER -> "No such watcher";
            case Code.REQUESTTIMEOUT -> "Request timeout";
            case Code.RECONFIGDISABLED -> "Reconfig is disabled";
            case Code.SESSIONCLOSEDREQUIRESASLAUTH -> "Session closed because client failed to authenticate";
            case Code.QUOTAEXCEEDED -> "Quota has exceeded";
            case Code.THROTTLEDOP -> "Op throttled due to high load";
            default -> "Unknown error " + code;
        };
    }
}
