package io.corral.client;

import io.corral.protocol.Code;
import io.corral.protocol.KeeperState;
import io.corral.protocol.jute.JuteException;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.proto.ConnectResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The connection thread: connects to one server after another until one accepts the session, reads its replies until
 * the connection fails, then starts over with the same session. It owns the client's state; every transition tells
 * the watchers (SyncConnected, Disconnected, Expired, AuthFailed, Closed).
 *
 * <p>Each connection starts with the handshake, pipelined as ZooKeeper's client does it: ConnectRequest, then an
 * AuthPacket for every credential so far, then SetWatches for every watch to restore (relative to the last zxid
 * seen), and only then, once the server accepted the session, the requests that queued up meanwhile.
 */
final class ConnectionLoop {
    private static final System.Logger LOG = System.getLogger(ConnectionLoop.class.getName());

    private final HostList hosts;
    private final ClientConfig config;
    private final Session session;
    private final Chroot chroot;
    private final OutgoingQueue outgoing;
    private final PendingQueue pending;
    private final AuthTracker auth;
    private final WatchRegistry watches;
    private final EventDispatcher events;
    private final Watcher defaultWatcher;
    private final Random random;
    private final AtomicInteger xids = new AtomicInteger();
    private final ReplyHandler replies;
    private final Thread thread;

    private final Object lock = new Object();
    /** Guarded by lock. */
    private ClientState state = ClientState.CONNECTING;
    /** Guarded by lock: the socket of the attempt in progress, closed by {@link #stop()}. */
    private Socket socket;
    private volatile boolean stopping;

    ConnectionLoop(HostList hosts, ClientConfig config, Session session, Chroot chroot, OutgoingQueue outgoing,
                   PendingQueue pending, AuthTracker auth, WatchRegistry watches, EventDispatcher events,
                   Watcher defaultWatcher, Random random) {
        this.hosts = hosts;
        this.config = config;
        this.session = session;
        this.chroot = chroot;
        this.outgoing = outgoing;
        this.pending = pending;
        this.auth = auth;
        this.watches = watches;
        this.events = events;
        this.defaultWatcher = defaultWatcher;
        this.random = random;
        this.replies = new ReplyHandler(pending, auth, watches, events, chroot, session, config.maxFrameSize(),
                this::onAuthFailed);
        this.thread = new Thread(this::run, "corral-client-connection");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int nextXid() {
        int xid = xids.incrementAndGet();
        if (xid <= 0) {
            // After 2^31 requests: start over at 1 rather than send the reserved negative xids.
            xids.compareAndSet(xid, 1);
            return nextXid();
        }
        return xid;
    }

    ClientState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Waits until the state satisfies {@code condition}; false if it did not within the time. */
    boolean awaitState(Predicate<ClientState> condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lock) {
            while (!condition.test(state)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    /** The code a request gets when it cannot be sent because the client is dead, or OK while it is alive. */
    int deadCode() {
        return switch (state()) {
            case AUTH_FAILED -> Code.AUTHFAILED;
            case CLOSED -> Code.SESSIONEXPIRED;
            default -> Code.OK;
        };
    }

    /**
     * Stops reconnecting from now on. The current connection stays up, so that a closeSession can still be sent on
     * it; when it ends, it is not reported as Disconnected.
     */
    void beginStop() {
        stopping = true;
    }

    /** Stops the thread: closes the connection in progress and waits for the thread to end. */
    void stop() throws InterruptedException {
        stopping = true;
        synchronized (lock) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Already broken.
                }
            }
            lock.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    /**
     * Marks the client closed by its user: fails what is left and tells the watchers Closed. Returns false if it was
     * already dead (expired, auth failed or closed before), in which case nothing is reported again.
     */
    boolean markClosed() {
        if (!transitionToDead(ClientState.CLOSED)) {
            return false;
        }
        failEverything(Code.CONNECTIONLOSS);
        finalEvent(KeeperState.CLOSED);
        return true;
    }

    private void run() {
        try {
            while (!stopping) {
                InetSocketAddress address = hosts.next();
                if (!attempt(address) && !stopping && hosts.failed()) {
                    // Every server has failed once: whatever waited for a connection has waited long enough.
                    failAll(outgoing.drain(), Code.CONNECTIONLOSS);
                    backOff();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "connection thread failed; the client is closed", e);
            if (transitionToDead(ClientState.CLOSED)) {
                failEverything(Code.CONNECTIONLOSS);
                finalEvent(KeeperState.CLOSED);
            }
            throw e;
        }
    }

    /** One connection, from connect to failure. True if the server accepted the session on it. */
    private boolean attempt(InetSocketAddress address) throws InterruptedException {
        int connectTimeoutMs = Timeouts.connectTimeoutMs(config.sessionTimeoutMs(), hosts.size());
        Connection connection = null;
        RequestWriter writer = null;
        boolean established = false;
        try {
            connection = Connection.open(address, connectTimeoutMs, config.maxFrameSize(), this::attach);
            ConnectResponse response = handshake(connection, connectTimeoutMs);
            if (Handshake.isExpired(response)) {
                expire();
                return false;
            }
            established = true;
            onEstablished(response);
            int negotiated = response.timeOut();
            connection.setReadTimeout(Timeouts.readTimeoutMs(negotiated));
            writer = new RequestWriter(connection, outgoing, pending, auth, this::nextXid,
                    Timeouts.pingIntervalMs(negotiated), connection::close, "corral-client-writer");
            writer.start();
            while (true) {
                replies.handle(connection.reader().read());
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection to " + address + " ended: " + e);
        } finally {
            if (connection != null) {
                connection.close();
            }
            detach();
            if (writer != null) {
                writer.stop();
            }
            int code = failureCode();
            failAll(pending.drain(), code);
            failAll(auth.drain(), code);
            if (established) {
                failAll(outgoing.drain(), code);
                onDisconnected();
            }
        }
        return established;
    }

    private ConnectResponse handshake(Connection connection, int timeoutMs) throws IOException {
        connection.setReadTimeout(timeoutMs);
        FrameWriter out = connection.writer();
        out.write(Handshake.request(session, config.sessionTimeoutMs(), config.readOnly()));
        for (Packet packet : auth.replay()) {
            auth.sent(packet);
            out.write(packet.header(), packet.request);
        }
        for (SetWatchesPlanner.Batch batch : SetWatchesPlanner.plan(session.lastZxid(),
                toServer(watches.paths(WatchKind.DATA)),
                toServer(watches.paths(WatchKind.EXIST)),
                toServer(watches.paths(WatchKind.CHILD)),
                toServer(watches.paths(WatchKind.PERSISTENT)),
                toServer(watches.paths(WatchKind.PERSISTENT_RECURSIVE)))) {
            Packet packet = new Packet(batch.opCode(), batch.record(), null, null);
            pending.add(packet);
            out.write(packet.header(), packet.request);
        }
        out.flush();
        try {
            return ConnectResponse.read(new JuteInput(connection.reader().read(), config.maxFrameSize()));
        } catch (JuteException e) {
            throw new IOException("malformed ConnectResponse from " + connection.remote() + ": " + e.getMessage(), e);
        }
    }

    private List<String> toServer(List<String> clientPaths) {
        return clientPaths.stream().map(chroot::toServer).toList();
    }

    private void onEstablished(ConnectResponse response) {
        session.established(response.sessionId(), response.passwd(), response.timeOut(), response.readOnly());
        hosts.connected();
        boolean changed;
        synchronized (lock) {
            changed = state.isAlive();
            if (changed) {
                state = response.readOnly() ? ClientState.CONNECTEDREADONLY : ClientState.CONNECTED;
                lock.notifyAll();
            }
        }
        if (changed) {
            int keeperState = response.readOnly() ? KeeperState.CONNECTED_READ_ONLY : KeeperState.SYNC_CONNECTED;
            events.dispatch(WatchedEvent.stateChange(keeperState), stateWatchers());
        }
    }

    private void onDisconnected() {
        boolean changed;
        synchronized (lock) {
            changed = state.isAlive() && !stopping;
            if (changed) {
                state = ClientState.CONNECTING;
                lock.notifyAll();
            }
        }
        if (changed) {
            events.dispatch(WatchedEvent.stateChange(KeeperState.DISCONNECTED), stateWatchers());
        }
    }

    /** The server said the session is gone: nothing can be retried on it. */
    private void expire() {
        stopping = true;
        if (transitionToDead(ClientState.CLOSED)) {
            failEverything(Code.SESSIONEXPIRED);
            finalEvent(KeeperState.EXPIRED);
        }
    }

    /** Called on the connection thread by the reply handler; the server closes the connection next. */
    private void onAuthFailed() {
        stopping = true;
        if (transitionToDead(ClientState.AUTH_FAILED)) {
            finalEvent(KeeperState.AUTH_FAILED);
        }
    }

    private boolean transitionToDead(ClientState dead) {
        synchronized (lock) {
            if (!state.isAlive()) {
                return false;
            }
            state = dead;
            lock.notifyAll();
            return true;
        }
    }

    /** Tells every watcher the last state, forgets all watches and ends the event thread after it. */
    private void finalEvent(int keeperState) {
        Set<Watcher> targets = stateWatchers();
        watches.clear();
        events.dispatch(WatchedEvent.stateChange(keeperState), targets);
        events.shutdown();
    }

    private int failureCode() {
        int dead = deadCode();
        return dead == Code.OK ? Code.CONNECTIONLOSS : dead;
    }

    private void failEverything(int code) {
        failAll(outgoing.drain(), code);
        failAll(pending.drain(), code);
        failAll(auth.drain(), code);
    }

    private static void failAll(List<Packet> packets, int code) {
        for (Packet packet : packets) {
            packet.fail(code);
        }
    }

    /** State changes go to the default watcher and to every watcher with a watch set, each once. */
    private Set<Watcher> stateWatchers() {
        Set<Watcher> targets = new LinkedHashSet<>();
        if (defaultWatcher != null) {
            targets.add(defaultWatcher);
        }
        targets.addAll(watches.all());
        return targets;
    }

    private void attach(Socket s) {
        synchronized (lock) {
            socket = s;
            if (stopping) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // connect() will fail on the closed socket, which is the point.
                }
            }
        }
    }

    private void detach() {
        synchronized (lock) {
            socket = null;
        }
    }

    private void backOff() throws InterruptedException {
        int maxMs = config.reconnectDelayMaxMs();
        if (maxMs == 0) {
            return;
        }
        long delayMs = 1 + random.nextInt(maxMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        synchronized (lock) {
            while (!stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                lock.wait(left);
            }
        }
    }
}
