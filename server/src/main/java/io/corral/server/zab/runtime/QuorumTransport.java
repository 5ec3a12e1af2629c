package io.corral.server.zab.runtime;

import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.election.Notification;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-to-server links of one peer: election notifications (this peer dials every other peer's election
 * address and sends; it receives on its own) and leader/learner links (a learner dials the leader's quorum
 * address and introduces itself with its id). Owns the accept threads and the links' threads; everything it
 * receives goes to the {@link Listener}, which must only queue it for the runtime thread.
 */
final class QuorumTransport {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumTransport.class);
    private static final int QUEUE_FRAMES = 100_000;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    interface Listener {
        void notification(Notification n);

        void message(long from, ZabMessage m);

        void connected(long peer);

        void disconnected(long peer);
    }

    private final long myId;
    private final Map<Long, InetSocketAddress> quorumAddresses;
    private final Map<Long, InetSocketAddress> electionAddresses;
    private final Listener listener;
    private final Map<Long, FrameLink> electionOut = new ConcurrentHashMap<>();
    private final Map<Long, FrameLink> quorumLinks = new ConcurrentHashMap<>();
    /** Peers whose election address is being dialled. */
    private final java.util.Set<Long> dialing = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService dialer = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "corral-election-dial");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket electionServer;
    private ServerSocket quorumServer;
    private volatile boolean running;

    QuorumTransport(long myId, Map<Long, InetSocketAddress> quorumAddresses,
                    Map<Long, InetSocketAddress> electionAddresses, Listener listener) {
        this.myId = myId;
        this.quorumAddresses = Map.copyOf(quorumAddresses);
        this.electionAddresses = Map.copyOf(electionAddresses);
        this.listener = listener;
    }

    void start() throws IOException {
        running = true;
        electionServer = listen(electionAddresses.get(myId), "election");
        quorumServer = listen(quorumAddresses.get(myId), "quorum");
        acceptLoop(electionServer, "election", this::acceptElection);
        acceptLoop(quorumServer, "quorum", this::acceptLearner);
    }

    private static ServerSocket listen(InetSocketAddress address, String what) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(address.getHostString(), address.getPort()));
        } catch (IOException e) {
            s.close();
            throw new IOException("Cannot listen on the " + what + " address " + address + ": " + e.getMessage(), e);
        }
        return s;
    }

    private interface Acceptor {
        void accept(Socket s) throws IOException;
    }

    private void acceptLoop(ServerSocket server, String what, Acceptor acceptor) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    acceptor.accept(s);
                } catch (IOException e) {
                    if (running) {
                        LOG.warn("Accepting a {} connection failed: {}", what, e.getMessage());
                    }
                }
            }
        }, "corral-" + what + "-accept");
        t.setDaemon(true);
        t.start();
    }

    private void acceptElection(Socket s) {
        FrameLink link = new FrameLink(s, "election-in-" + s.getRemoteSocketAddress(), 1_000,
                frame -> listener.notification(ZabCodec.decodeNotification(frame)), () -> { });
        link.start();
    }

    private void acceptLearner(Socket s) throws IOException {
        s.setSoTimeout(CONNECT_TIMEOUT_MS);
        long learner = new DataInputStream(s.getInputStream()).readLong();
        s.setSoTimeout(0);
        if (!quorumAddresses.containsKey(learner) || learner == myId) {
            LOG.warn("Quorum connection from {} claims unknown server id {}; closing", s.getRemoteSocketAddress(), learner);
            s.close();
            return;
        }
        FrameLink old = quorumLinks.remove(learner);
        if (old != null) {
            old.close();
        }
        FrameLink[] holder = new FrameLink[1];
        FrameLink link = new FrameLink(s, "learner-" + learner, QUEUE_FRAMES,
                frame -> listener.message(learner, ZabCodec.decode(frame)),
                () -> {
                    if (quorumLinks.remove(learner, holder[0])) {
                        listener.disconnected(learner);
                    }
                });
        holder[0] = link;
        quorumLinks.put(learner, link);
        link.start();
    }

    /** Dials the leader's quorum address on the calling thread (the runtime's connector, not the Ready loop). */
    void connectToLeader(long leader) {
        InetSocketAddress address = quorumAddresses.get(leader);
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            DataOutputStream hello = new DataOutputStream(s.getOutputStream());
            hello.writeLong(myId);
            hello.flush();
            FrameLink[] holder = new FrameLink[1];
            FrameLink link = new FrameLink(s, "leader-" + leader, QUEUE_FRAMES,
                    frame -> listener.message(leader, ZabCodec.decode(frame)),
                    () -> {
                        if (quorumLinks.remove(leader, holder[0])) {
                            listener.disconnected(leader);
                        }
                    });
            holder[0] = link;
            FrameLink old = quorumLinks.put(leader, link);
            if (old != null) {
                old.close();
            }
            link.start();
            listener.connected(leader);
        } catch (IOException e) {
            LOG.info("Cannot reach leader {} at {}: {}", leader, address, e.getMessage());
            listener.disconnected(leader);
        }
    }

    void send(long to, ZabMessage m) {
        FrameLink link = quorumLinks.get(to);
        if (link != null) {
            link.send(ZabCodec.encode(m));
        }
    }

    /**
     * Sends a notification. Without an open link the peer's election address is dialled on the dialer thread,
     * never on the caller's (the runtime's): a host that drops packets would hold it for the connect timeout.
     * While a dial to that peer is under way, further notifications to it are dropped; the election resends.
     */
    void sendNotification(long to, Notification n) {
        FrameLink link = electionOut.get(to);
        if (link != null && !link.isClosed()) {
            link.send(ZabCodec.encode(n));
            return;
        }
        if (!dialing.add(to)) {
            return;
        }
        byte[] frame = ZabCodec.encode(n);
        try {
            dialer.execute(() -> {
                try {
                    FrameLink dialled = dialElection(to);
                    if (dialled != null) {
                        dialled.send(frame);
                    }
                } finally {
                    dialing.remove(to);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            dialing.remove(to); // stopping
        }
    }

    private FrameLink dialElection(long to) {
        InetSocketAddress address = electionAddresses.get(to);
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            FrameLink link = new FrameLink(s, "election-out-" + to, 1_000, frame -> { }, () -> { });
            link.start();
            electionOut.put(to, link);
            return link;
        } catch (IOException e) {
            LOG.debug("Election address of server {} ({}) unreachable: {}", to, address, e.getMessage());
            return null;
        }
    }

    /** Closes every leader/learner link (a role change); the election links stay. */
    void closeQuorumLinks() {
        for (FrameLink l : quorumLinks.values()) {
            l.close();
        }
    }

    void stop() {
        running = false;
        closeQuietly(electionServer);
        closeQuietly(quorumServer);
        closeQuorumLinks();
        dialer.shutdownNow();
        electionOut.values().forEach(FrameLink::close);
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            LOG.debug("closing", e);
        }
    }
}
