package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.corral.it.support.TcpProxy;

/**
 * Server-to-server traffic of an {@link Ensemble} routed through {@link TcpProxy} instances, so that a test can cut
 * it. For every ordered pair (viewer, target) of the given members, two proxies forward to the target's real quorum
 * and election ports, and the viewer's zoo.cfg ({@link Ensemble#overrideAddress}) names the proxies as the target's
 * addresses: whatever the viewer dials to reach the target (a learner's link to its leader, an election
 * notification) goes through them. Client ports are never proxied.
 *
 * <p>Set up after {@link EnsembleBuilder#build()} and before {@link Ensemble#start()}.
 */
final class LinkProxies implements AutoCloseable {

    private static final Duration DROP_WAIT = Duration.ofSeconds(5);

    /** The pair of proxies the viewer uses to reach the target. */
    record Link(int viewer, int target, TcpProxy quorum, TcpProxy election) {
        List<TcpProxy> both() {
            return List.of(quorum, election);
        }

        @Override
        public String toString() {
            return viewer + "->" + target + " (quorum :" + quorum.port() + ", election :" + election.port() + ")";
        }
    }

    private final Map<Integer, Map<Integer, Link>> links = new TreeMap<>();

    private LinkProxies() {
    }

    /** Proxies for every ordered pair of {@code ids}, written into the viewers' zoo.cfg files. */
    static LinkProxies between(Ensemble ensemble, Collection<Integer> ids) throws IOException {
        LinkProxies p = new LinkProxies();
        try {
            for (int viewer : ids) {
                for (int target : ids) {
                    if (viewer == target) {
                        continue;
                    }
                    TcpProxy quorum = proxyTo(ensemble, ensemble.quorumPort(target), ids);
                    TcpProxy election = proxyTo(ensemble, ensemble.electionPort(target), ids);
                    p.links.computeIfAbsent(viewer, k -> new TreeMap<>())
                            .put(target, new Link(viewer, target, quorum, election));
                    ensemble.overrideAddress(viewer, target, quorum.port(), election.port());
                }
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * A proxy to {@code port} listening on a port no member of the ensemble is to use: the members' ports were free
     * when the ensemble was built but nothing holds them until the members start, and a proxy's port is the
     * kernel's choice among free ones, which can be one of those (about one class run in 150 on Linux).
     */
    private static TcpProxy proxyTo(Ensemble ensemble, int port, Collection<Integer> ids) throws IOException {
        for (int attempt = 0; ; attempt++) {
            TcpProxy proxy = new TcpProxy(Ensemble.HOST, port);
            if (!isMemberPort(ensemble, proxy.port(), ids) || attempt == 20) {
                return proxy;
            }
            proxy.close();
        }
    }

    private static boolean isMemberPort(Ensemble ensemble, int port, Collection<Integer> ids) {
        for (int id : ids) {
            if (port == ensemble.clientPort(id) || port == ensemble.quorumPort(id) || port == ensemble.electionPort(id)) {
                return true;
            }
        }
        return false;
    }

    Link link(int viewer, int target) {
        Link l = links.getOrDefault(viewer, Map.of()).get(target);
        if (l == null) {
            throw new IllegalArgumentException("no proxied link " + viewer + "->" + target);
        }
        return l;
    }

    /** Every link from or to {@code id}. */
    List<Link> linksOf(int id) {
        List<Link> out = new ArrayList<>();
        for (Map<Integer, Link> byTarget : links.values()) {
            for (Link l : byTarget.values()) {
                if (l.viewer() == id || l.target() == id) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /**
     * Cuts {@code id} off in both directions: every proxy from or to it refuses new connections and drops the open
     * ones (bounded wait until none is left open).
     */
    void isolate(int id) {
        List<TcpProxy> proxies = new ArrayList<>();
        for (Link l : linksOf(id)) {
            proxies.addAll(l.both());
        }
        proxies.forEach(p -> p.setRefusing(true));
        dropAll(proxies);
    }

    /** Lets connections from and to {@code id} through again; the servers dial again on their own. */
    void heal(int id) {
        for (Link l : linksOf(id)) {
            l.both().forEach(p -> p.setRefusing(false));
        }
    }

    /**
     * Freezes the traffic on every link from or to {@code id}: connections stay open, bytes sent on them wait in the
     * proxy (not in the receiver's socket buffer) and are delivered only on {@link #thaw(int)}, or never after
     * {@link #dropFrozen(int)}.
     */
    void freeze(int id) {
        for (Link l : linksOf(id)) {
            l.both().forEach(TcpProxy::pause);
        }
    }

    /**
     * Closes every connection of a {@link #freeze(int) frozen} {@code id} without delivering what waits in the proxy,
     * then lets new connections through again.
     */
    void dropFrozen(int id) {
        List<TcpProxy> proxies = new ArrayList<>();
        for (Link l : linksOf(id)) {
            proxies.addAll(l.both());
        }
        proxies.forEach(p -> p.setRefusing(true));
        dropAll(proxies);
        // The pumps blocked on the pause now write to closed sockets and end; nothing reaches the other side.
        proxies.forEach(TcpProxy::resume);
        proxies.forEach(p -> p.setRefusing(false));
    }

    /** Lets the frozen traffic of {@code id} flow again. */
    void thaw(int id) {
        for (Link l : linksOf(id)) {
            l.both().forEach(TcpProxy::resume);
        }
    }

    private static void dropAll(List<TcpProxy> proxies) {
        // A connection accepted just before setRefusing(true) may join after one drop: drop until none is open.
        await("proxied connections closed").atMost(DROP_WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    proxies.forEach(TcpProxy::dropAllConnections);
                    return proxies.stream().allMatch(p -> p.openConnections() == 0);
                });
    }

    @Override
    public void close() {
        for (Map<Integer, Link> byTarget : links.values()) {
            for (Link l : byTarget.values()) {
                l.both().forEach(TcpProxy::close);
            }
        }
        links.clear();
    }

    @Override
    public String toString() {
        List<Link> all = new ArrayList<>();
        links.values().forEach(m -> all.addAll(m.values()));
        return all.toString();
    }
}
