package io.corral.client;

import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.WatcherType;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Stat;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateResponse;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ErrorResponse;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.ExistsResponse;
import io.corral.protocol.proto.GetACLRequest;
import io.corral.protocol.proto.GetACLResponse;
import io.corral.protocol.proto.GetAllChildrenNumberRequest;
import io.corral.protocol.proto.GetAllChildrenNumberResponse;
import io.corral.protocol.proto.GetChildren2Request;
import io.corral.protocol.proto.GetChildren2Response;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetChildrenResponse;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.protocol.proto.GetEphemeralsRequest;
import io.corral.protocol.proto.GetEphemeralsResponse;
import io.corral.protocol.proto.MultiResponse;
import io.corral.protocol.proto.SetACLRequest;
import io.corral.protocol.proto.SetACLResponse;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.protocol.proto.SetDataResponse;
import io.corral.protocol.proto.SyncRequest;
import io.corral.protocol.proto.SyncResponse;
import io.corral.protocol.proto.WhoAmIResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A synchronous ZooKeeper client. The constructor returns at once and connects in the background; calls made before
 * the connection is up wait for it (until a whole round of servers failed, then they fail with CONNECTIONLOSS). A
 * lost connection is re-established with the same session on any server of the connect string, with watches and
 * credentials restored; requests in flight when it dropped fail with CONNECTIONLOSS and may be retried.
 *
 * <p>Paths are the caller's: with a chroot in the connect string ({@code host:2181/app}), "/" is the server's "/app".
 * A call with {@code watch = true} registers the default watcher given to the constructor. Thread-safe.
 */
public final class ZkClient implements AutoCloseable {
    /** Not subject to the chroot: it is the ensemble's, not the application's. */
    public static final String CONFIG_NODE = "/zookeeper/config";

    private final ConnectString connectString;
    private final ClientConfig config;
    private final Watcher defaultWatcher;
    private final Session session;
    private final Chroot chroot;
    private final OutgoingQueue outgoing = new OutgoingQueue();
    private final WatchRegistry watches = new WatchRegistry();
    private final AuthTracker auth = new AuthTracker();
    private final EventDispatcher events;
    private final ConnectionLoop loop;
    private final RequestChannel requests;
    private final WatchRemoval watchRemoval;
    private final AtomicBoolean closeStarted = new AtomicBoolean();

    /**
     * @param connectString  {@code host:port[,host:port...][/chroot]}
     * @param defaultWatcher receives state changes and the events of {@code watch = true} calls; may be null
     */
    public ZkClient(String connectString, ClientConfig config, Watcher defaultWatcher) {
        this(connectString, config, defaultWatcher, 0, null, new Random());
    }

    /** Resumes an existing session (its id and password from {@link #sessionId()}/{@link #sessionPassword()}). */
    public static ZkClient resume(String connectString, ClientConfig config, Watcher defaultWatcher,
                                  long sessionId, byte[] password) {
        if (sessionId == 0 || password == null || password.length != Session.PASSWORD_LENGTH) {
            throw new IllegalArgumentException("resuming needs a session id and its 16-byte password");
        }
        return new ZkClient(connectString, config, defaultWatcher, sessionId, password, new Random());
    }

    ZkClient(String connectString, ClientConfig config, Watcher defaultWatcher, long sessionId, byte[] password,
             Random random) {
        this.connectString = ConnectString.parse(connectString);
        this.config = config;
        this.defaultWatcher = defaultWatcher;
        this.session = new Session(sessionId, password);
        this.chroot = this.connectString.chroot();
        this.events = new EventDispatcher("corral-client-events");
        HostList hosts = new HostList(this.connectString.servers(), config.shuffleHosts(), random);
        this.loop = new ConnectionLoop(hosts, config, session, chroot, outgoing, new PendingQueue(), auth, watches,
                events, defaultWatcher, random);
        this.requests = new RequestChannel(outgoing, loop, config.requestTimeoutMs());
        this.watchRemoval = new WatchRemoval(watches, requests, events, chroot);
        loop.start();
    }

    public ClientState state() {
        return loop.state();
    }

    /** Waits until connected; false if that did not happen in time or the client died first. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        loop.awaitState(s -> s.isConnected() || !s.isAlive(), timeout.toMillis());
        return loop.state().isConnected();
    }

    /** 0 until the first server accepted the session. */
    public long sessionId() {
        return session.id();
    }

    public byte[] sessionPassword() {
        return session.password();
    }

    /** The timeout the server granted, 0 until the first handshake. */
    public int negotiatedTimeoutMs() {
        return session.negotiatedTimeoutMs();
    }

    /** The highest zxid seen in a reply so far. */
    public long lastZxid() {
        return session.lastZxid();
    }

    public Chroot chroot() {
        return chroot;
    }

    public ConnectString connectString() {
        return connectString;
    }

    // ---- writes

    /** Creates a node with mode {@code flags} (a {@link CreateFlags} value, not TTL) and returns its actual path. */
    public String create(String path, byte[] data, List<ACL> acl, int flags) throws ZkException, InterruptedException {
        PathValidator.validate(path, CreateFlags.isSequential(flags));
        CreateModes.validate(flags, -1);
        checkAcl(acl, path);
        String serverPath = chroot.toServer(path);
        CreateRequest request = new CreateRequest(serverPath, data, acl, flags);
        if (CreateFlags.isContainer(flags)) {
            Packet packet = new Packet(OpCode.CREATE_CONTAINER, request, Create2Response::read, null);
            Reply reply = requests.call(packet, path);
            return chroot.toClient(((Create2Response) reply.body()).path());
        }
        Reply reply = requests.call(new Packet(OpCode.CREATE, request, CreateResponse::read, null), path);
        return chroot.toClient(((CreateResponse) reply.body()).path());
    }

    /** Creates a node and returns its path and Stat; {@code ttl} is -1 unless {@code flags} is a TTL mode. */
    public CreatedNode create(String path, byte[] data, List<ACL> acl, int flags, long ttl)
            throws ZkException, InterruptedException {
        PathValidator.validate(path, CreateFlags.isSequential(flags));
        CreateModes.validate(flags, ttl);
        checkAcl(acl, path);
        String serverPath = chroot.toServer(path);
        int opCode = CreateModes.create2OpCode(flags);
        Record request = opCode == OpCode.CREATE_TTL
                ? new CreateTTLRequest(serverPath, data, acl, flags, ttl)
                : new CreateRequest(serverPath, data, acl, flags);
        Create2Response response = (Create2Response) requests.call(
                new Packet(opCode, request, Create2Response::read, null), path).body();
        return new CreatedNode(chroot.toClient(response.path()), response.stat());
    }

    /** {@code version} -1 deletes whatever the version. */
    public void delete(String path, int version) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        requests.call(new Packet(OpCode.DELETE, new DeleteRequest(chroot.toServer(path), version), null, null), path);
    }

    public Stat setData(String path, byte[] data, int version) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        SetDataRequest request = new SetDataRequest(chroot.toServer(path), data, version);
        Reply reply = requests.call(new Packet(OpCode.SET_DATA, request, SetDataResponse::read, null), path);
        return ((SetDataResponse) reply.body()).stat();
    }

    /** {@code aclVersion} is compared with the node's aversion; -1 for any. */
    public Stat setACL(String path, List<ACL> acl, int aclVersion) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        checkAcl(acl, path);
        SetACLRequest request = new SetACLRequest(chroot.toServer(path), acl, aclVersion);
        Reply reply = requests.call(new Packet(OpCode.SET_ACL, request, SetACLResponse::read, null), path);
        return ((SetACLResponse) reply.body()).stat();
    }

    /**
     * Runs the ops atomically. If one fails, nothing is applied and the exception carries that op's code and path and
     * {@link ZkException#results()} for every op.
     */
    public List<OpResult> multi(List<Op> ops) throws ZkException, InterruptedException {
        Packet packet = new Packet(OpCode.MULTI, MultiCodec.encode(ops, chroot), MultiResponse::read, null);
        Reply reply = requests.call(packet, null);
        List<OpResult> results = MultiCodec.decode((MultiResponse) reply.body(), chroot);
        int failed = MultiCodec.firstFailure(results);
        if (failed >= 0) {
            String path = failed < ops.size() ? ops.get(failed).path() : null;
            throw new ZkException(((OpResult.Error) results.get(failed)).err(), path, results);
        }
        return results;
    }

    // ---- reads

    /** The node's Stat, or null if it does not exist; a watch is set either way (NodeCreated if it was missing). */
    public Stat exists(String path, boolean watch) throws ZkException, InterruptedException {
        return exists(path, watch ? requireDefaultWatcher() : null);
    }

    public Stat exists(String path, Watcher watcher) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        Packet packet = new Packet(OpCode.EXISTS, new ExistsRequest(chroot.toServer(path), watcher != null),
                ExistsResponse::read, watcher == null ? null : WatchRegistration.exists(watcher, path));
        Reply reply = requests.send(packet, path);
        if (reply.err() == Code.NONODE) {
            return null;
        }
        RequestChannel.throwIfFailed(reply, path);
        return ((ExistsResponse) reply.body()).stat();
    }

    public DataAndStat getData(String path, boolean watch) throws ZkException, InterruptedException {
        return getData(path, watch ? requireDefaultWatcher() : null);
    }

    public DataAndStat getData(String path, Watcher watcher) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        return readData(chroot.toServer(path), path, watcher);
    }

    /** The ensemble's dynamic configuration: {@value #CONFIG_NODE}, outside any chroot. */
    public DataAndStat getConfig(boolean watch) throws ZkException, InterruptedException {
        return readData(CONFIG_NODE, CONFIG_NODE, watch ? requireDefaultWatcher() : null);
    }

    private DataAndStat readData(String serverPath, String clientPath, Watcher watcher)
            throws ZkException, InterruptedException {
        Packet packet = new Packet(OpCode.GET_DATA, new GetDataRequest(serverPath, watcher != null),
                GetDataResponse::read, watcher == null ? null : WatchRegistration.data(watcher, clientPath));
        GetDataResponse response = (GetDataResponse) requests.call(packet, clientPath).body();
        return new DataAndStat(response.data(), response.stat());
    }

    public AclAndStat getACL(String path) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        Reply reply = requests.call(new Packet(OpCode.GET_ACL, new GetACLRequest(chroot.toServer(path)),
                GetACLResponse::read, null), path);
        GetACLResponse response = (GetACLResponse) reply.body();
        return new AclAndStat(response.acl(), response.stat());
    }

    public List<String> getChildren(String path, boolean watch) throws ZkException, InterruptedException {
        return getChildren(path, watch ? requireDefaultWatcher() : null);
    }

    public List<String> getChildren(String path, Watcher watcher) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        Packet packet = new Packet(OpCode.GET_CHILDREN, new GetChildrenRequest(chroot.toServer(path), watcher != null),
                GetChildrenResponse::read, watcher == null ? null : WatchRegistration.children(watcher, path));
        return new ArrayList<>(((GetChildrenResponse) requests.call(packet, path).body()).children());
    }

    public ChildrenAndStat getChildrenWithStat(String path, boolean watch) throws ZkException, InterruptedException {
        return getChildrenWithStat(path, watch ? requireDefaultWatcher() : null);
    }

    public ChildrenAndStat getChildrenWithStat(String path, Watcher watcher) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        Packet packet = new Packet(OpCode.GET_CHILDREN2,
                new GetChildren2Request(chroot.toServer(path), watcher != null), GetChildren2Response::read,
                watcher == null ? null : WatchRegistration.children(watcher, path));
        GetChildren2Response response = (GetChildren2Response) requests.call(packet, path).body();
        return new ChildrenAndStat(new ArrayList<>(response.children()), response.stat());
    }

    /** The number of nodes below {@code path}, at any depth, not counting it. */
    public int getAllChildrenNumber(String path) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        GetAllChildrenNumberRequest request = new GetAllChildrenNumberRequest(chroot.toServer(path));
        Packet packet = new Packet(OpCode.GET_ALL_CHILDREN_NUMBER, request, GetAllChildrenNumberResponse::read, null);
        Reply reply = requests.call(packet, path);
        return ((GetAllChildrenNumberResponse) reply.body()).totalNumber();
    }

    /** This session's ephemeral nodes whose path starts with {@code prefix} ("/" for all), inside the chroot. */
    public List<String> getEphemerals(String prefix) throws ZkException, InterruptedException {
        String clientPrefix = prefix == null || prefix.isEmpty() ? "/" : prefix;
        Packet packet = new Packet(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(chroot.toServer(clientPrefix)),
                GetEphemeralsResponse::read, null);
        Reply reply = requests.call(packet, clientPrefix);
        List<String> result = new ArrayList<>();
        for (String serverPath : ((GetEphemeralsResponse) reply.body()).ephemerals()) {
            String clientPath = chroot.toClient(serverPath);
            // The server matches a plain prefix: "/app" would also list "/apple/x", which is not ours to show.
            if (chroot.isNone() || !clientPath.equals(serverPath)) {
                result.add(clientPath);
            }
        }
        return result;
    }

    /** Makes the server this client is connected to catch up with the leader; returns the path. */
    public String sync(String path) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        Packet packet = new Packet(OpCode.SYNC, new SyncRequest(chroot.toServer(path)), SyncResponse::read, null);
        Reply reply = requests.call(packet, path);
        return chroot.toClient(((SyncResponse) reply.body()).path());
    }

    public List<ClientInfo> whoAmI() throws ZkException, InterruptedException {
        Reply reply = requests.call(new Packet(OpCode.WHO_AM_I, null, WhoAmIResponse::read, null), null);
        List<ClientInfo> info = ((WhoAmIResponse) reply.body()).clientInfo();
        return info == null ? List.of() : info;
    }

    // ---- watches and auth

    /** A watch that stays until removed; {@code mode} is an {@link AddWatchMode}. Uses the default watcher. */
    public void addWatch(String path, int mode) throws ZkException, InterruptedException {
        addWatch(path, requireDefaultWatcher(), mode);
    }

    public void addWatch(String path, Watcher watcher, int mode) throws ZkException, InterruptedException {
        PathValidator.validate(path);
        if (mode != AddWatchMode.PERSISTENT && mode != AddWatchMode.PERSISTENT_RECURSIVE) {
            throw new IllegalArgumentException("unknown addWatch mode " + mode + "; expected 0 or 1");
        }
        if (watcher == null) {
            throw new IllegalArgumentException("addWatch needs a watcher");
        }
        WatchRegistration watch =
                WatchRegistration.persistent(watcher, path, mode == AddWatchMode.PERSISTENT_RECURSIVE);
        AddWatchRequest request = new AddWatchRequest(chroot.toServer(path), mode);
        requests.call(new Packet(OpCode.ADD_WATCH, request, ErrorResponse::read, watch), path);
    }

    /**
     * Removes watches of a {@link WatcherType} from {@code path}: {@code watcher}'s, or everyone's if it is null.
     * Each removed watcher is told with a DataWatchRemoved, ChildWatchRemoved or PersistentWatchRemoved event.
     * With {@code local}, the watches are removed here even if the server cannot be asked.
     *
     * @throws ZkException NOWATCHER if there is no such watch
     */
    public void removeWatches(String path, Watcher watcher, int watcherType, boolean local)
            throws ZkException, InterruptedException {
        PathValidator.validate(path);
        watchRemoval.remove(path, watcher, watcherType, local, !(local && !state().isConnected()));
    }

    /**
     * Adds credentials to the session, e.g. {@code ("digest", "user:password")}; they are sent again after every
     * reconnect. While connected this waits for the server's answer; rejected credentials end the client
     * (state AUTH_FAILED) and throw AUTHFAILED.
     */
    public void addAuth(String scheme, byte[] credentials) throws ZkException, InterruptedException {
        AuthPacket packet = new AuthPacket(0, scheme, credentials);
        auth.remember(packet);
        if (state().isConnected()) {
            requests.call(new Packet(OpCode.AUTH, packet, null, null), null);
        }
    }

    /**
     * Closes the session on the server (its ephemeral nodes go at once) and stops the client; watchers have heard
     * Closed when it returns (unless it is called from a watcher, or they take over 2 s). Later calls fail with
     * SESSIONEXPIRED. Does nothing the second time.
     */
    @Override
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        try {
            requests.closeSession(Math.min(config.requestTimeoutMs(), Math.max(1_000, session.negotiatedTimeoutMs())));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        loop.markClosed();
        try {
            // Watchers have heard Closed when close() returns, unless a watcher is the one closing.
            if (!events.isDispatchThread()) {
                events.awaitTermination(2_000);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ZkClient[" + connectString.servers() + chroot + ", session 0x" + Long.toHexString(session.id())
                + ", " + state() + "]";
    }

    // ---- plumbing

    private Watcher requireDefaultWatcher() {
        if (defaultWatcher == null) {
            throw new IllegalStateException("watch = true needs a default watcher; pass one to the constructor");
        }
        return defaultWatcher;
    }

    private static void checkAcl(List<ACL> acl, String path) throws ZkException {
        if (acl == null || acl.isEmpty()) {
            throw new ZkException(Code.INVALIDACL, path);
        }
    }

}