package io.corral.protocol;

import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import io.corral.protocol.data.StatPersisted;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.persistence.FileHeader;
import io.corral.protocol.proto.*;
import io.corral.protocol.txn.*;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

/**
 * One sample or more of every record, each paired with the equivalent reference record. Samples mix 1-, 2- and
 * 3-byte characters, a supplementary character, negative and extreme numbers, and every null jute allows.
 */
final class Cases {
    /** A record of ours, the same value as a reference record, and our reader for it. */
    record Case(String name, Record ours, org.apache.jute.Record theirs, Function<JuteInput, ? extends Record> reader) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String PATH = "/app/\u00e9t\u00e9/\u4e2d\u6587/x";
    static final String EMOJI = "/smile-\uD83D\uDE00";
    static final byte[] DATA = {0, 1, -1, 127, -128, 42};
    static final byte[] PASSWD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -16};
    static final byte[] EMPTY = {};
    static final byte[] AUTH = "bob:s\u00e9cret".getBytes(StandardCharsets.UTF_8);
    static final String SERVER = "server.4=h\u00f6st:2888:3888;2181";
    static final List<ACL> ACLS = List.of(
            new ACL(Perms.ALL, new Id("world", "anyone")),
            new ACL(-1, new Id("digest", "b\u00f6b:\uD83D\uDE00=")),
            new ACL(Perms.READ | Perms.ADMIN, new Id(null, null)),
            new ACL(0, new Id("", "")));
    static final Stat STAT = new Stat(-1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_123L, -2, 7,
            Integer.MIN_VALUE, 0x8000000000000000L, 6, Integer.MAX_VALUE, 0x1_0000_0002L);
    static final Stat ZERO_STAT = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    static final List<String> NAMES = List.of("a", "", "\u00e9\u4e2d", "\uD83D\uDE00", "z".repeat(300));

    private Cases() {
    }

    private static Case c(String variant, Record ours, org.apache.jute.Record theirs,
            Function<JuteInput, ? extends Record> reader) {
        return new Case(ours.getClass().getSimpleName() + " " + variant, ours, theirs, reader);
    }

    static List<Case> all() {
        List<Case> all = new ArrayList<>();
        all.addAll(data());
        all.addAll(proto());
        all.addAll(multi());
        all.addAll(txn());
        return all;
    }

    static List<Case> data() {
        return List.of(
                c("rich", new Id("digest", EMOJI), new org.apache.zookeeper.data.Id("digest", EMOJI), Id::read),
                c("nulls", new Id(null, null), new org.apache.zookeeper.data.Id(null, null), Id::read),
                c("rich", ACLS.get(1), Apache.acls(ACLS).get(1), ACL::read),
                c("null id fields", ACLS.get(2), Apache.acls(ACLS).get(2), ACL::read),
                c("extremes", STAT, Apache.stat(STAT), Stat::read),
                c("zero", ZERO_STAT, Apache.stat(ZERO_STAT), Stat::read),
                c("extremes",
                        new StatPersisted(Long.MIN_VALUE, -2, 3, Long.MAX_VALUE, -5, 6, -7, 0xFF00_0000_0000_1000L, 9),
                        new org.apache.zookeeper.data.StatPersisted(
                                Long.MIN_VALUE, -2, 3, Long.MAX_VALUE, -5, 6, -7, 0xFF00_0000_0000_1000L, 9),
                        StatPersisted::read),
                c("rich", new ClientInfo("ip", "127.0.0.1\u00e9"),
                        new org.apache.zookeeper.data.ClientInfo("ip", "127.0.0.1\u00e9"), ClientInfo::read),
                c("nulls", new ClientInfo(null, null), new org.apache.zookeeper.data.ClientInfo(null, null),
                        ClientInfo::read));
    }

    static List<Case> proto() {
        return List.of(
                c("new session", new ConnectRequest(0, 0, 30_000, 0, new byte[16], false),
                        new org.apache.zookeeper.proto.ConnectRequest(0, 0, 30_000, 0, new byte[16], false),
                        ConnectRequest::read),
                c("resume", new ConnectRequest(-1, -5L, Integer.MIN_VALUE, 0x1234_5678_9abc_def0L, PASSWD, true),
                        new org.apache.zookeeper.proto.ConnectRequest(
                                -1, -5L, Integer.MIN_VALUE, 0x1234_5678_9abc_def0L, PASSWD, true),
                        ConnectRequest::read),
                c("null passwd", new ConnectRequest(0, 1, 2, 3, null, true),
                        new org.apache.zookeeper.proto.ConnectRequest(0, 1, 2, 3, null, true), ConnectRequest::read),
                c("rich", new ConnectResponse(0, 4_000, 0x0100_0000_0000_0001L, PASSWD, true),
                        new org.apache.zookeeper.proto.ConnectResponse(0, 4_000, 0x0100_0000_0000_0001L, PASSWD, true),
                        ConnectResponse::read),
                c("invalid session", new ConnectResponse(0, 0, 0, new byte[16], false),
                        new org.apache.zookeeper.proto.ConnectResponse(0, 0, 0, new byte[16], false),
                        ConnectResponse::read),
                c("null passwd", new ConnectResponse(-3, -4, -5, null, false),
                        new org.apache.zookeeper.proto.ConnectResponse(-3, -4, -5, null, false),
                        ConnectResponse::read),
                c("setWatches", new RequestHeader(Xid.SET_WATCHES, OpCode.SET_WATCHES),
                        new org.apache.zookeeper.proto.RequestHeader(-8, 101), RequestHeader::read),
                c("extremes", new RequestHeader(Integer.MAX_VALUE, OpCode.CLOSE_SESSION),
                        new org.apache.zookeeper.proto.RequestHeader(Integer.MAX_VALUE, -11), RequestHeader::read),
                c("error", new ReplyHeader(7, 0x2_0000_0003L, Code.NONODE),
                        new org.apache.zookeeper.proto.ReplyHeader(7, 0x2_0000_0003L, -101), ReplyHeader::read),
                c("notification", new ReplyHeader(Xid.NOTIFICATION, -1L, Code.OK),
                        new org.apache.zookeeper.proto.ReplyHeader(-1, -1L, 0), ReplyHeader::read),
                c("rich", new WatcherEvent(EventType.NODE_CHILDREN_CHANGED, KeeperState.SYNC_CONNECTED, PATH),
                        new org.apache.zookeeper.proto.WatcherEvent(4, 3, PATH), WatcherEvent::read),
                c("null path", new WatcherEvent(EventType.NONE, KeeperState.EXPIRED, null),
                        new org.apache.zookeeper.proto.WatcherEvent(-1, -112, null), WatcherEvent::read),
                c("digest", new AuthPacket(0, "digest", AUTH),
                        new org.apache.zookeeper.proto.AuthPacket(0, "digest", AUTH), AuthPacket::read),
                c("nulls", new AuthPacket(-3, null, null), new org.apache.zookeeper.proto.AuthPacket(-3, null, null),
                        AuthPacket::read),
                c("rich", new CreateRequest(PATH, DATA, ACLS, CreateFlags.EPHEMERAL_SEQUENTIAL),
                        new org.apache.zookeeper.proto.CreateRequest(PATH, DATA, Apache.acls(ACLS), 3),
                        CreateRequest::read),
                c("nulls", new CreateRequest(null, null, null, -1),
                        new org.apache.zookeeper.proto.CreateRequest(null, null, null, -1), CreateRequest::read),
                c("empties", new CreateRequest(EMOJI, EMPTY, List.of(), 99),
                        new org.apache.zookeeper.proto.CreateRequest(EMOJI, EMPTY, List.of(), 99),
                        CreateRequest::read),
                c("rich", new CreateTTLRequest(PATH, DATA, ACLS, CreateFlags.PERSISTENT_WITH_TTL, (1L << 40) - 1),
                        new org.apache.zookeeper.proto.CreateTTLRequest(
                                PATH, DATA, Apache.acls(ACLS), 5, (1L << 40) - 1),
                        CreateTTLRequest::read),
                c("nulls", new CreateTTLRequest(null, null, null, 6, -1L),
                        new org.apache.zookeeper.proto.CreateTTLRequest(null, null, null, 6, -1L),
                        CreateTTLRequest::read),
                c("rich", new DeleteRequest(PATH, -1), new org.apache.zookeeper.proto.DeleteRequest(PATH, -1),
                        DeleteRequest::read),
                c("null path", new DeleteRequest(null, Integer.MAX_VALUE),
                        new org.apache.zookeeper.proto.DeleteRequest(null, Integer.MAX_VALUE), DeleteRequest::read),
                c("watch", new ExistsRequest(PATH, true), new org.apache.zookeeper.proto.ExistsRequest(PATH, true),
                        ExistsRequest::read),
                c("null path", new ExistsRequest(null, false),
                        new org.apache.zookeeper.proto.ExistsRequest(null, false), ExistsRequest::read),
                c("watch", new GetDataRequest(EMOJI, true), new org.apache.zookeeper.proto.GetDataRequest(EMOJI, true),
                        GetDataRequest::read),
                c("null path", new GetDataRequest(null, false),
                        new org.apache.zookeeper.proto.GetDataRequest(null, false), GetDataRequest::read),
                c("rich", new SetDataRequest(PATH, DATA, 12),
                        new org.apache.zookeeper.proto.SetDataRequest(PATH, DATA, 12), SetDataRequest::read),
                c("nulls", new SetDataRequest(null, null, -1),
                        new org.apache.zookeeper.proto.SetDataRequest(null, null, -1), SetDataRequest::read),
                c("rich", new GetACLRequest(PATH), new org.apache.zookeeper.proto.GetACLRequest(PATH),
                        GetACLRequest::read),
                c("null path", new GetACLRequest(null), new org.apache.zookeeper.proto.GetACLRequest(null),
                        GetACLRequest::read),
                c("rich", new SetACLRequest(PATH, ACLS, -1),
                        new org.apache.zookeeper.proto.SetACLRequest(PATH, Apache.acls(ACLS), -1), SetACLRequest::read),
                c("nulls", new SetACLRequest(null, null, 0),
                        new org.apache.zookeeper.proto.SetACLRequest(null, null, 0), SetACLRequest::read),
                c("empty acl", new SetACLRequest(EMOJI, List.of(), 3),
                        new org.apache.zookeeper.proto.SetACLRequest(EMOJI, List.of(), 3), SetACLRequest::read),
                c("watch", new GetChildrenRequest(PATH, true),
                        new org.apache.zookeeper.proto.GetChildrenRequest(PATH, true), GetChildrenRequest::read),
                c("null path", new GetChildrenRequest(null, false),
                        new org.apache.zookeeper.proto.GetChildrenRequest(null, false), GetChildrenRequest::read),
                c("watch", new GetChildren2Request(PATH, true),
                        new org.apache.zookeeper.proto.GetChildren2Request(PATH, true), GetChildren2Request::read),
                c("null path", new GetChildren2Request(null, false),
                        new org.apache.zookeeper.proto.GetChildren2Request(null, false), GetChildren2Request::read),
                c("rich", new SyncRequest(PATH), new org.apache.zookeeper.proto.SyncRequest(PATH), SyncRequest::read),
                c("null path", new SyncRequest(null), new org.apache.zookeeper.proto.SyncRequest(null),
                        SyncRequest::read),
                c("rich", new CheckVersionRequest(PATH, Integer.MIN_VALUE),
                        new org.apache.zookeeper.proto.CheckVersionRequest(PATH, Integer.MIN_VALUE),
                        CheckVersionRequest::read),
                c("null path", new CheckVersionRequest(null, 0),
                        new org.apache.zookeeper.proto.CheckVersionRequest(null, 0), CheckVersionRequest::read),
                c("rich", new ReconfigRequest(SERVER, null, "", -1L),
                        new org.apache.zookeeper.proto.ReconfigRequest(SERVER, null, "", -1L),
                        ReconfigRequest::read),
                c("nulls", new ReconfigRequest(null, "1,2", null, 0x7_0000_0000L),
                        new org.apache.zookeeper.proto.ReconfigRequest(null, "1,2", null, 0x7_0000_0000L),
                        ReconfigRequest::read),
                c("any", new CheckWatchesRequest(PATH, WatcherType.ANY),
                        new org.apache.zookeeper.proto.CheckWatchesRequest(PATH, 3), CheckWatchesRequest::read),
                c("null path", new CheckWatchesRequest(null, -9),
                        new org.apache.zookeeper.proto.CheckWatchesRequest(null, -9), CheckWatchesRequest::read),
                c("recursive", new RemoveWatchesRequest(EMOJI, WatcherType.PERSISTENT_RECURSIVE),
                        new org.apache.zookeeper.proto.RemoveWatchesRequest(EMOJI, 5), RemoveWatchesRequest::read),
                c("null path", new RemoveWatchesRequest(null, 0),
                        new org.apache.zookeeper.proto.RemoveWatchesRequest(null, 0), RemoveWatchesRequest::read),
                c("recursive", new AddWatchRequest(PATH, AddWatchMode.PERSISTENT_RECURSIVE),
                        new org.apache.zookeeper.proto.AddWatchRequest(PATH, 1), AddWatchRequest::read),
                c("null path", new AddWatchRequest(null, -1),
                        new org.apache.zookeeper.proto.AddWatchRequest(null, -1), AddWatchRequest::read),
                c("mixed", new SetWatches(-7L, NAMES, null, List.of()),
                        new org.apache.zookeeper.proto.SetWatches(-7L, NAMES, null, List.of()), SetWatches::read),
                c("nulls", new SetWatches(0, null, null, null),
                        new org.apache.zookeeper.proto.SetWatches(0, null, null, null), SetWatches::read),
                c("mixed", new SetWatches2(Long.MAX_VALUE, List.of(PATH), List.of(), null, NAMES, List.of(EMOJI)),
                        new org.apache.zookeeper.proto.SetWatches2(
                                Long.MAX_VALUE, List.of(PATH), List.of(), null, NAMES, List.of(EMOJI)),
                        SetWatches2::read),
                c("nulls", new SetWatches2(-1, null, null, null, null, null),
                        new org.apache.zookeeper.proto.SetWatches2(-1, null, null, null, null, null),
                        SetWatches2::read),
                c("token", new GetSASLRequest(DATA), new org.apache.zookeeper.proto.GetSASLRequest(DATA),
                        GetSASLRequest::read),
                c("null token", new GetSASLRequest(null), new org.apache.zookeeper.proto.GetSASLRequest(null),
                        GetSASLRequest::read),
                c("token", new SetSASLResponse(EMPTY), new org.apache.zookeeper.proto.SetSASLResponse(EMPTY),
                        SetSASLResponse::read),
                c("null token", new SetSASLResponse(null), new org.apache.zookeeper.proto.SetSASLResponse(null),
                        SetSASLResponse::read),
                c("rich", new GetEphemeralsRequest(PATH), new org.apache.zookeeper.proto.GetEphemeralsRequest(PATH),
                        GetEphemeralsRequest::read),
                c("null prefix", new GetEphemeralsRequest(null),
                        new org.apache.zookeeper.proto.GetEphemeralsRequest(null), GetEphemeralsRequest::read),
                c("rich", new GetAllChildrenNumberRequest(PATH),
                        new org.apache.zookeeper.proto.GetAllChildrenNumberRequest(PATH),
                        GetAllChildrenNumberRequest::read),
                c("null path", new GetAllChildrenNumberRequest(null),
                        new org.apache.zookeeper.proto.GetAllChildrenNumberRequest(null),
                        GetAllChildrenNumberRequest::read),
                c("bmp", DeleteContainerRequest.of(PATH), new org.apache.zookeeper.DeleteContainerRequest(PATH),
                        DeleteContainerRequest::read),
                c("supplementary", DeleteContainerRequest.of(EMOJI),
                        new org.apache.zookeeper.DeleteContainerRequest(EMOJI), DeleteContainerRequest::read),
                c("rich", new CreateResponse(PATH + "0000000010"),
                        new org.apache.zookeeper.proto.CreateResponse(PATH + "0000000010"), CreateResponse::read),
                c("null path", new CreateResponse(null), new org.apache.zookeeper.proto.CreateResponse(null),
                        CreateResponse::read),
                c("rich", new Create2Response(EMOJI, STAT),
                        new org.apache.zookeeper.proto.Create2Response(EMOJI, Apache.stat(STAT)),
                        Create2Response::read),
                c("null path", new Create2Response(null, ZERO_STAT),
                        new org.apache.zookeeper.proto.Create2Response(null, Apache.stat(ZERO_STAT)),
                        Create2Response::read),
                c("stat", new ExistsResponse(STAT), new org.apache.zookeeper.proto.ExistsResponse(Apache.stat(STAT)),
                        ExistsResponse::read),
                c("rich", new GetDataResponse(DATA, STAT),
                        new org.apache.zookeeper.proto.GetDataResponse(DATA, Apache.stat(STAT)), GetDataResponse::read),
                c("null data", new GetDataResponse(null, ZERO_STAT),
                        new org.apache.zookeeper.proto.GetDataResponse(null, Apache.stat(ZERO_STAT)),
                        GetDataResponse::read),
                c("stat", new SetDataResponse(STAT), new org.apache.zookeeper.proto.SetDataResponse(Apache.stat(STAT)),
                        SetDataResponse::read),
                c("rich", new GetACLResponse(ACLS, STAT),
                        new org.apache.zookeeper.proto.GetACLResponse(Apache.acls(ACLS), Apache.stat(STAT)),
                        GetACLResponse::read),
                c("null acl", new GetACLResponse(null, ZERO_STAT),
                        new org.apache.zookeeper.proto.GetACLResponse(null, Apache.stat(ZERO_STAT)),
                        GetACLResponse::read),
                c("stat", new SetACLResponse(STAT), new org.apache.zookeeper.proto.SetACLResponse(Apache.stat(STAT)),
                        SetACLResponse::read),
                c("names", new GetChildrenResponse(NAMES), new org.apache.zookeeper.proto.GetChildrenResponse(NAMES),
                        GetChildrenResponse::read),
                c("null", new GetChildrenResponse(null), new org.apache.zookeeper.proto.GetChildrenResponse(null),
                        GetChildrenResponse::read),
                c("empty", new GetChildrenResponse(List.of()),
                        new org.apache.zookeeper.proto.GetChildrenResponse(List.of()), GetChildrenResponse::read),
                c("names", new GetChildren2Response(NAMES, STAT),
                        new org.apache.zookeeper.proto.GetChildren2Response(NAMES, Apache.stat(STAT)),
                        GetChildren2Response::read),
                c("null", new GetChildren2Response(null, ZERO_STAT),
                        new org.apache.zookeeper.proto.GetChildren2Response(null, Apache.stat(ZERO_STAT)),
                        GetChildren2Response::read),
                c("rich", new SyncResponse(PATH), new org.apache.zookeeper.proto.SyncResponse(PATH),
                        SyncResponse::read),
                c("null path", new SyncResponse(null), new org.apache.zookeeper.proto.SyncResponse(null),
                        SyncResponse::read),
                c("paths", new GetEphemeralsResponse(List.of(PATH, EMOJI)),
                        new org.apache.zookeeper.proto.GetEphemeralsResponse(List.of(PATH, EMOJI)),
                        GetEphemeralsResponse::read),
                c("null", new GetEphemeralsResponse(null), new org.apache.zookeeper.proto.GetEphemeralsResponse(null),
                        GetEphemeralsResponse::read),
                c("negative", new GetAllChildrenNumberResponse(-3),
                        new org.apache.zookeeper.proto.GetAllChildrenNumberResponse(-3),
                        GetAllChildrenNumberResponse::read),
                c("infos", new WhoAmIResponse(whoAmI()),
                        new org.apache.zookeeper.proto.WhoAmIResponse(Apache.clientInfos(whoAmI())),
                        WhoAmIResponse::read),
                c("null", new WhoAmIResponse(null), new org.apache.zookeeper.proto.WhoAmIResponse(null),
                        WhoAmIResponse::read),
                c("empty", new WhoAmIResponse(List.of()), new org.apache.zookeeper.proto.WhoAmIResponse(List.of()),
                        WhoAmIResponse::read),
                c("nonode", new ErrorResponse(Code.NONODE), new org.apache.zookeeper.proto.ErrorResponse(-101),
                        ErrorResponse::read),
                c("end", MultiHeader.END, new org.apache.zookeeper.proto.MultiHeader(-1, true, -1), MultiHeader::read),
                c("op", new MultiHeader(OpCode.CREATE2, false, Code.OK),
                        new org.apache.zookeeper.proto.MultiHeader(15, false, 0), MultiHeader::read));
    }

    private static List<ClientInfo> whoAmI() {
        return List.of(new ClientInfo("ip", "10.0.0.1"), new ClientInfo("digest", "b\u00f6b\uD83D\uDE00"),
                new ClientInfo(null, null));
    }

    static List<Case> multi() {
        MultiRequest writes = new MultiRequest(List.of(
                new MultiOp(OpCode.CREATE, new CreateRequest(PATH, DATA, ACLS, CreateFlags.PERSISTENT_SEQUENTIAL)),
                new MultiOp(OpCode.CREATE_CONTAINER, new CreateRequest("/c", null, ACLS, CreateFlags.CONTAINER)),
                new MultiOp(OpCode.CREATE_TTL,
                        new CreateTTLRequest(EMOJI, EMPTY, ACLS, CreateFlags.PERSISTENT_WITH_TTL, 60_000)),
                new MultiOp(OpCode.DELETE, new DeleteRequest(PATH, -1)),
                new MultiOp(OpCode.SET_DATA, new SetDataRequest(PATH, DATA, 4)),
                new MultiOp(OpCode.CHECK, new CheckVersionRequest("/c", Integer.MIN_VALUE))));
        MultiOperationRecord theirWrites = new MultiOperationRecord(List.of(
                Op.create(PATH, DATA, Apache.acls(ACLS), 2),
                Op.create("/c", null, Apache.acls(ACLS), CreateMode.CONTAINER),
                Op.create(EMOJI, EMPTY, Apache.acls(ACLS), CreateMode.PERSISTENT_WITH_TTL, 60_000),
                Op.delete(PATH, -1),
                Op.setData(PATH, DATA, 4),
                Op.check("/c", Integer.MIN_VALUE)));

        MultiRequest reads = new MultiRequest(List.of(
                new MultiOp(OpCode.GET_DATA, new GetDataRequest(PATH, false)),
                new MultiOp(OpCode.GET_CHILDREN, new GetChildrenRequest(EMOJI, false))));
        MultiOperationRecord theirReads = new MultiOperationRecord(List.of(Op.getData(PATH), Op.getChildren(EMOJI)));

        MultiResponse results = new MultiResponse(List.of(
                MultiResult.of(OpCode.CREATE, new CreateResponse(PATH + "0000000001")),
                MultiResult.of(OpCode.CREATE2, new Create2Response(EMOJI, STAT)),
                MultiResult.of(OpCode.DELETE, null),
                MultiResult.of(OpCode.SET_DATA, new SetDataResponse(STAT)),
                MultiResult.of(OpCode.CHECK, null),
                MultiResult.of(OpCode.GET_DATA, new GetDataResponse(null, ZERO_STAT)),
                MultiResult.of(OpCode.GET_CHILDREN, new GetChildrenResponse(NAMES)),
                MultiResult.error(Code.NONODE)));
        org.apache.zookeeper.MultiResponse theirResults = new org.apache.zookeeper.MultiResponse();
        theirResults.add(new OpResult.CreateResult(PATH + "0000000001"));
        theirResults.add(new OpResult.CreateResult(EMOJI, Apache.stat(STAT)));
        theirResults.add(new OpResult.DeleteResult());
        theirResults.add(new OpResult.SetDataResult(Apache.stat(STAT)));
        theirResults.add(new OpResult.CheckResult());
        theirResults.add(new OpResult.GetDataResult(null, Apache.stat(ZERO_STAT)));
        theirResults.add(new OpResult.GetChildrenResult(NAMES));
        theirResults.add(new OpResult.ErrorResult(-101));

        MultiResponse failed = new MultiResponse(List.of(
                MultiResult.error(Code.OK), MultiResult.error(Code.BADVERSION),
                MultiResult.error(Code.RUNTIMEINCONSISTENCY)));
        org.apache.zookeeper.MultiResponse theirFailed = new org.apache.zookeeper.MultiResponse();
        theirFailed.add(new OpResult.ErrorResult(0));
        theirFailed.add(new OpResult.ErrorResult(-103));
        theirFailed.add(new OpResult.ErrorResult(-2));

        return List.of(
                c("writes", writes, theirWrites, MultiRequest::read),
                c("reads", reads, theirReads, MultiRequest::read),
                c("empty", new MultiRequest(List.of()), new MultiOperationRecord(), MultiRequest::read),
                c("every result type", results, theirResults, MultiResponse::read),
                c("failed", failed, theirFailed, MultiResponse::read),
                c("empty", new MultiResponse(List.of()), new org.apache.zookeeper.MultiResponse(),
                        MultiResponse::read));
    }

    static List<Case> txn() {
        byte[] createTxn = JuteOutput.encode(new CreateTxn(PATH, DATA, ACLS, false, 3));
        byte[] errorTxn = JuteOutput.encode(new ErrorTxn(Code.NONODE));
        return List.of(
                c("createSession", new TxnHeader(0x1_0000_0abcL, 0, 0x5_0000_0001L, 1_700_000_000_000L,
                                OpCode.CREATE_SESSION),
                        new org.apache.zookeeper.txn.TxnHeader(
                                0x1_0000_0abcL, 0, 0x5_0000_0001L, 1_700_000_000_000L, -10),
                        TxnHeader::read),
                c("extremes", new TxnHeader(Long.MIN_VALUE, -3, -1L, Long.MAX_VALUE, OpCode.ERROR),
                        new org.apache.zookeeper.txn.TxnHeader(Long.MIN_VALUE, -3, -1L, Long.MAX_VALUE, -1),
                        TxnHeader::read),
                c("rich", new CreateTxn(PATH, DATA, ACLS, true, -1),
                        new org.apache.zookeeper.txn.CreateTxn(PATH, DATA, Apache.acls(ACLS), true, -1),
                        CreateTxn::read),
                c("nulls", new CreateTxn(null, null, null, false, Integer.MAX_VALUE),
                        new org.apache.zookeeper.txn.CreateTxn(null, null, null, false, Integer.MAX_VALUE),
                        CreateTxn::read),
                c("rich", new CreateContainerTxn(EMOJI, DATA, ACLS, 12),
                        new org.apache.zookeeper.txn.CreateContainerTxn(EMOJI, DATA, Apache.acls(ACLS), 12),
                        CreateContainerTxn::read),
                c("nulls", new CreateContainerTxn(null, null, null, -1),
                        new org.apache.zookeeper.txn.CreateContainerTxn(null, null, null, -1),
                        CreateContainerTxn::read),
                c("rich", new CreateTTLTxn(PATH, EMPTY, ACLS, 1, (1L << 40) - 1),
                        new org.apache.zookeeper.txn.CreateTTLTxn(PATH, EMPTY, Apache.acls(ACLS), 1, (1L << 40) - 1),
                        CreateTTLTxn::read),
                c("nulls", new CreateTTLTxn(null, null, null, -2, -1L),
                        new org.apache.zookeeper.txn.CreateTTLTxn(null, null, null, -2, -1L), CreateTTLTxn::read),
                c("rich", new DeleteTxn(PATH), new org.apache.zookeeper.txn.DeleteTxn(PATH), DeleteTxn::read),
                c("null path", new DeleteTxn(null), new org.apache.zookeeper.txn.DeleteTxn(null), DeleteTxn::read),
                c("rich", new SetDataTxn(PATH, DATA, 5), new org.apache.zookeeper.txn.SetDataTxn(PATH, DATA, 5),
                        SetDataTxn::read),
                c("nulls", new SetDataTxn(null, null, -1), new org.apache.zookeeper.txn.SetDataTxn(null, null, -1),
                        SetDataTxn::read),
                c("rich", new SetACLTxn(EMOJI, ACLS, 2),
                        new org.apache.zookeeper.txn.SetACLTxn(EMOJI, Apache.acls(ACLS), 2), SetACLTxn::read),
                c("nulls", new SetACLTxn(null, null, Integer.MIN_VALUE),
                        new org.apache.zookeeper.txn.SetACLTxn(null, null, Integer.MIN_VALUE), SetACLTxn::read),
                c("rich", new CheckVersionTxn(PATH, 9), new org.apache.zookeeper.txn.CheckVersionTxn(PATH, 9),
                        CheckVersionTxn::read),
                c("null path", new CheckVersionTxn(null, -1), new org.apache.zookeeper.txn.CheckVersionTxn(null, -1),
                        CheckVersionTxn::read),
                c("timeout", new CreateSessionTxn(30_000), new org.apache.zookeeper.txn.CreateSessionTxn(30_000),
                        CreateSessionTxn::read),
                c("paths", new CloseSessionTxn(List.of(PATH, EMOJI, "")),
                        new org.apache.zookeeper.txn.CloseSessionTxn(List.of(PATH, EMOJI, "")), CloseSessionTxn::read),
                c("null", new CloseSessionTxn(null), new org.apache.zookeeper.txn.CloseSessionTxn(null),
                        CloseSessionTxn::read),
                c("empty", new CloseSessionTxn(List.of()), new org.apache.zookeeper.txn.CloseSessionTxn(List.of()),
                        CloseSessionTxn::read),
                c("nonode", new ErrorTxn(Code.NONODE), new org.apache.zookeeper.txn.ErrorTxn(-101), ErrorTxn::read),
                c("create", new Txn(OpCode.CREATE, createTxn), new org.apache.zookeeper.txn.Txn(1, createTxn),
                        Txn::read),
                c("null data", new Txn(OpCode.ERROR, null), new org.apache.zookeeper.txn.Txn(-1, null), Txn::read),
                c("failed multi",
                        new MultiTxn(List.of(new Txn(OpCode.CREATE, createTxn), new Txn(OpCode.ERROR, errorTxn))),
                        new org.apache.zookeeper.txn.MultiTxn(List.of(
                                new org.apache.zookeeper.txn.Txn(1, createTxn),
                                new org.apache.zookeeper.txn.Txn(-1, errorTxn))),
                        MultiTxn::read),
                c("null", new MultiTxn(null), new org.apache.zookeeper.txn.MultiTxn(null), MultiTxn::read),
                c("empty", new MultiTxn(List.of()), new org.apache.zookeeper.txn.MultiTxn(List.of()), MultiTxn::read),
                c("v2", new TxnDigest(2, -0x1234_5678_9abc_def0L),
                        new org.apache.zookeeper.txn.TxnDigest(2, -0x1234_5678_9abc_def0L), TxnDigest::read),
                c("log", FileHeader.log(),
                        new org.apache.zookeeper.server.persistence.FileHeader(
                                org.apache.zookeeper.server.persistence.FileTxnLog.TXNLOG_MAGIC, 2, 0),
                        FileHeader::read),
                c("snapshot", FileHeader.snapshot(),
                        new org.apache.zookeeper.server.persistence.FileHeader(
                                org.apache.zookeeper.server.persistence.FileSnap.SNAP_MAGIC, 2, -1),
                        FileHeader::read),
                c("odd", new FileHeader(-1, Integer.MAX_VALUE, Long.MIN_VALUE),
                        new org.apache.zookeeper.server.persistence.FileHeader(-1, Integer.MAX_VALUE, Long.MIN_VALUE),
                        FileHeader::read));
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
