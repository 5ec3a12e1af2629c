package io.corral.server.pipeline;

import io.corral.protocol.OpCode;

/** The four-letter tags cons shows for a connection's last operation (ZooKeeper's spelling). */
final class OpNames {
    private OpNames() {
    }

    static String shortName(int op) {
        return switch (op) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> "CREA";
            case OpCode.DELETE -> "DELE";
            case OpCode.EXISTS -> "EXIS";
            case OpCode.GET_DATA -> "GETD";
            case OpCode.SET_DATA -> "SETD";
            case OpCode.GET_ACL -> "GETA";
            case OpCode.SET_ACL -> "SETA";
            case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> "GETC";
            case OpCode.SYNC -> "SYNC";
            case OpCode.PING -> "PING";
            case OpCode.MULTI, OpCode.MULTI_READ -> "MULT";
            case OpCode.CLOSE_SESSION -> "CLOS";
            case OpCode.CREATE_SESSION -> "SESS";
            case OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> "SETW";
            case OpCode.AUTH -> "AUTH";
            default -> "NA";
        };
    }
}
