package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Xid;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.RequestHeader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One request on its way: what to send, how to read the answer, which watch the answer registers, and the future the
 * caller waits on. The xid is given when the packet is written, so xids on the wire always increase.
 */
final class Packet {
    final int opCode;
    final Record request;
    /** Reads the body of a successful reply; null for ops without one. */
    final Function<JuteInput, ? extends Record> responseReader;
    /** Applied when the reply arrives, before the caller sees it; null if the request sets no watch. */
    final WatchRegistration watch;
    final CompletableFuture<Reply> result = new CompletableFuture<>();
    private int xid;

    Packet(int opCode, Record request, Function<JuteInput, ? extends Record> responseReader, WatchRegistration watch) {
        this.opCode = opCode;
        this.request = request;
        this.responseReader = responseReader;
        this.watch = watch;
        this.xid = fixedXid(opCode);
    }

    /** Auth, ping and SetWatches travel with the reserved xids the server and ZooKeeper clients expect. */
    private static int fixedXid(int opCode) {
        return switch (opCode) {
            case OpCode.AUTH -> Xid.AUTH;
            case OpCode.PING -> Xid.PING;
            case OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> Xid.SET_WATCHES;
            default -> 0;
        };
    }

    boolean needsXid() {
        return xid == 0;
    }

    void assignXid(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("request xids are positive, got " + value);
        }
        xid = value;
    }

    int xid() {
        return xid;
    }

    RequestHeader header() {
        return new RequestHeader(xid, opCode);
    }

    void complete(ReplyHeader header, Record body) {
        result.complete(new Reply(header, body));
    }

    /** Ends the request without a server answer, e.g. CONNECTIONLOSS when the connection dropped first. */
    void fail(int code) {
        if (code == Code.OK) {
            throw new IllegalArgumentException("a failure needs a non-zero code");
        }
        result.complete(new Reply(new ReplyHeader(xid, -1, code), null));
    }

    @Override
    public String toString() {
        return OpCode.name(opCode) + " xid " + xid;
    }
}
