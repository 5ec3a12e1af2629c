package io.corral.client.shell;

import io.corral.client.ZkException;
import io.corral.protocol.Code;

/** The text zkCli prints for a failed request; scripts grep for these, so the wording (and spacing) is kept. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String of(ZkException e) {
        String path = e.path();
        return switch (e.code()) {
            case Code.NONODE -> "Node does not exist: " + path;
            case Code.NOCHILDRENFOREPHEMERALS -> "Ephemerals cannot have children: " + path;
            case Code.NODEEXISTS -> "Node already exists: " + path;
            case Code.NOTEMPTY -> "Node not empty: " + path;
            case Code.NOTREADONLY -> "Not a read-only call: " + path;
            case Code.INVALIDACL -> "Acl is not valid : " + path;
            case Code.NOAUTH -> "Insufficient permission : " + path;
            case Code.BADARGUMENTS -> "Arguments are not valid : " + path;
            case Code.BADVERSION -> "version No is not valid : " + path;
            case Code.RECONFIGINPROGRESS ->
                    "Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)";
            case Code.NEWCONFIGNOQUORUM -> "No quorum of new config is connected and up-to-date with the leader"
                    + " of last committed config - try invoking reconfiguration after new servers are connected"
                    + " and synced";
            case Code.QUOTAEXCEEDED -> "Quota has exceeded : " + path;
            default -> e.getMessage();
        };
    }
}
