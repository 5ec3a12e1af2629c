package io.corral.server.net;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.CheckWatchesRequest;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetACLRequest;
import io.corral.protocol.proto.GetAllChildrenNumberRequest;
import io.corral.protocol.proto.GetChildren2Request;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetEphemeralsRequest;
import io.corral.protocol.proto.MultiOp;
import io.corral.protocol.proto.MultiRequest;
import io.corral.protocol.proto.ReconfigRequest;
import io.corral.protocol.proto.RemoveWatchesRequest;
import io.corral.protocol.proto.SetACLRequest;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.proto.SetWatches2;
import io.corral.protocol.proto.SyncRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Request bodies by opcode, decoded on the network thread so the pipeline thread only executes. An opcode
 * missing here (including check outside a multi, and sasl, which Corral does not offer) is answered
 * UNIMPLEMENTED by the pipeline.
 */
public final class RequestDecoder {
    /** The type given to requests whose opcode the server does not accept. */
    static final int UNKNOWN = Integer.MIN_VALUE;
    private static final Function<JuteInput, Record> NO_BODY = in -> null;
    private static final Map<Integer, Function<JuteInput, Record>> READERS = new HashMap<>();

    static {
        READERS.put(OpCode.CREATE, CreateRequest::read);
        READERS.put(OpCode.CREATE2, CreateRequest::read);
        READERS.put(OpCode.CREATE_CONTAINER, CreateRequest::read);
        READERS.put(OpCode.CREATE_TTL, CreateTTLRequest::read);
        READERS.put(OpCode.DELETE, DeleteRequest::read);
        READERS.put(OpCode.EXISTS, ExistsRequest::read);
        READERS.put(OpCode.GET_DATA, GetDataRequest::read);
        READERS.put(OpCode.SET_DATA, SetDataRequest::read);
        READERS.put(OpCode.GET_ACL, GetACLRequest::read);
        READERS.put(OpCode.SET_ACL, SetACLRequest::read);
        READERS.put(OpCode.GET_CHILDREN, GetChildrenRequest::read);
        READERS.put(OpCode.GET_CHILDREN2, GetChildren2Request::read);
        READERS.put(OpCode.SYNC, SyncRequest::read);
        READERS.put(OpCode.PING, NO_BODY);
        READERS.put(OpCode.MULTI, RequestDecoder::writeMulti);
        READERS.put(OpCode.MULTI_READ, RequestDecoder::readMulti);
        READERS.put(OpCode.RECONFIG, ReconfigRequest::read);
        READERS.put(OpCode.CHECK_WATCHES, CheckWatchesRequest::read);
        READERS.put(OpCode.REMOVE_WATCHES, RemoveWatchesRequest::read);
        READERS.put(OpCode.AUTH, AuthPacket::read);
        READERS.put(OpCode.SET_WATCHES, SetWatches::read);
        READERS.put(OpCode.SET_WATCHES2, SetWatches2::read);
        READERS.put(OpCode.GET_EPHEMERALS, GetEphemeralsRequest::read);
        READERS.put(OpCode.GET_ALL_CHILDREN_NUMBER, GetAllChildrenNumberRequest::read);
        READERS.put(OpCode.ADD_WATCH, AddWatchRequest::read);
        READERS.put(OpCode.WHO_AM_I, NO_BODY);
        READERS.put(OpCode.CLOSE_SESSION, NO_BODY);
    }

    private RequestDecoder() {
    }

    static boolean isKnown(int opcode) {
        return READERS.containsKey(opcode);
    }

    /** Decodes the body of a known opcode; throws JuteException when it is malformed. */
    public static Record decode(int opcode, JuteInput in) {
        return READERS.get(opcode).apply(in);
    }

    /** A multi of writes: a read op in it makes the whole request malformed, as in ZooKeeper. */
    private static Record writeMulti(JuteInput in) {
        MultiRequest m = MultiRequest.read(in);
        for (MultiOp op : m.ops()) {
            if (op.type() == OpCode.GET_DATA || op.type() == OpCode.GET_CHILDREN) {
                throw new io.corral.protocol.jute.JuteException("read op " + op.type() + " inside a multi of writes");
            }
        }
        return m;
    }

    private static Record readMulti(JuteInput in) {
        MultiRequest m = MultiRequest.read(in);
        for (MultiOp op : m.ops()) {
            if (op.type() != OpCode.GET_DATA && op.type() != OpCode.GET_CHILDREN) {
                throw new io.corral.protocol.jute.JuteException("write op " + op.type() + " inside a multiRead");
            }
        }
        return m;
    }
}
