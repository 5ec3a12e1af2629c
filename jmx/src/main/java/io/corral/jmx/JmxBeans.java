package io.corral.jmx;

import io.corral.api.management.ConnectionSummary;
import io.corral.api.management.Distribution;
import io.corral.api.management.EnsembleView;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import io.corral.api.management.ServerView;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the beans in an MBean server and keeps them in step with the server once a second: a connection
 * bean for each connection with a session (ZooKeeper registers one when the session is established and drops it
 * when the connection closes), a metric bean for each metric. Everything registered is unregistered on stop.
 *
 * <p>A standalone server's beans hang under {@code name0=StandaloneServer_port<port>}. An ensemble member's follow
 * ZooKeeper's replicated layout, and its role:
 * <pre>
 *   name0=ReplicatedServer_id&lt;myid&gt;                      QuorumBean
 *     name1=replica.&lt;id&gt;  (one per member)               LocalPeerBean for this one, RemotePeerBean for others
 *       name2=Leader | Follower | Observer               the server bean of the role (re-registered on a change)
 *         name3=InMemoryDataTree
 *         name3=Connections,name4=&lt;ip&gt;,name5=0x&lt;session&gt;
 *       name2=LeaderElection                             instead, while the member looks for a leader
 * </pre>
 */
final class JmxBeans {
    private static final Logger LOG = LoggerFactory.getLogger(JmxBeans.class);
    static final String DOMAIN = "org.apache.ZooKeeperService";
    private static final long REFRESH_MS = 1_000;
    private static final long CONNECTIONS_TTL_MS = 200;

    private final ServerView view;
    private final Map<String, String> settings;
    private final MBeanServer mbs;
    private final Set<ObjectName> fixed = new HashSet<>();
    /** An ensemble member's beans of its current role: the role bean and the data tree beneath it. */
    private final Set<ObjectName> roleBeans = new HashSet<>();
    private final Map<Long, ObjectName> connectionBeans = new HashMap<>();
    private final Map<MetricId, ObjectName> metricBeans = new HashMap<>();
    private ScheduledExecutorService refresher;
    /** Where the server bean is; null while an ensemble member has none (it looks for a leader). */
    private List<String> serverPath;
    /** On an ensemble member: its {@code replica.<myid>} bean's path, and the role bean now beneath it. */
    private List<String> localPeer;
    private String role;
    private volatile Map<Long, ConnectionSummary> connections = Map.of();
    private volatile long connectionsReadMs;

    JmxBeans(ServerView view, Map<String, String> settings, MBeanServer mbs) {
        this.view = view;
        this.settings = settings;
        this.mbs = mbs;
    }

    void start() {
        EnsembleView ensemble = view.ensemble();
        String top;
        if (ensemble == null) {
            top = ZooKeeperServerBean.name(view);
            serverPath = List.of(top);
            register(name(serverPath), new ZooKeeperServerBean(view, settings), fixed);
            register(name(serverPath, "InMemoryDataTree"), new DataTreeBean(view), fixed);
        } else {
            top = QuorumBean.name(ensemble.myId());
            register(name(top), new QuorumBean(view, settings, ensemble.myId()), fixed);
            for (EnsembleView.Member m : ensemble.members()) {
                Object bean = m.id() == ensemble.myId() ? new LocalPeerBean(view, settings, m.id())
                        : new RemotePeerBean(view, m.id());
                register(name(top, RemotePeerBean.name(m.id())), bean, fixed);
            }
            localPeer = List.of(top, RemotePeerBean.name(ensemble.myId()));
        }
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corral-jmx");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
        LOG.info("JMX beans registered under {}:name0={}", DOMAIN, top);
    }

    void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            try {
                refresher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            connectionBeans.values().forEach(this::unregister);
            connectionBeans.clear();
            metricBeans.values().forEach(this::unregister);
            metricBeans.clear();
            roleBeans.forEach(this::unregister);
            roleBeans.clear();
            fixed.forEach(this::unregister);
            fixed.clear();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the JMX beans failed; trying again in {} ms", REFRESH_MS, e);
        }
    }

    /** Brings the role, connection and metric beans in line with the server. */
    synchronized void refresh() {
        if (localPeer != null) {
            followRole();
        }
        Map<Long, ConnectionSummary> now = readConnections();
        // Removals first, so that a session that moved to another connection gets its name back at once.
        connectionBeans.entrySet().removeIf(e -> {
            ConnectionSummary c = now.get(e.getKey());
            if (c == null || c.sessionId() == 0) {
                unregister(e.getValue());
                return true;
            }
            return false;
        });
        for (ConnectionSummary c : now.values()) {
            if (serverPath != null && c.sessionId() != 0 && !connectionBeans.containsKey(c.connectionId())) {
                ObjectName n = name(serverPath, "Connections", hostForName(c.remoteHost()),
                        "0x" + Long.toHexString(c.sessionId()));
                if (register(n, new ConnectionBean(view, c, this::connection), null)) {
                    connectionBeans.put(c.connectionId(), n);
                }
            }
        }
        Map<MetricId, MetricBean.Kind> metrics = new LinkedHashMap<>();
        view.metrics().visit(new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number value) {
                metrics.put(id, MetricBean.Kind.GAUGE);
            }

            @Override
            public void counter(MetricId id, long count) {
                metrics.put(id, MetricBean.Kind.COUNTER);
            }

            @Override
            public void histogram(MetricId id, Distribution values) {
                metrics.put(id, MetricBean.Kind.HISTOGRAM);
            }

            @Override
            public void timer(MetricId id, Distribution durationsNanos, Rates rates) {
                metrics.put(id, MetricBean.Kind.TIMER);
            }
        });
        metricBeans.entrySet().removeIf(e -> {
            if (!metrics.containsKey(e.getKey())) {
                unregister(e.getValue());
                return true;
            }
            return false;
        });
        metrics.forEach((id, kind) -> {
            if (!metricBeans.containsKey(id)) {
                try {
                    ObjectName n = MetricBean.objectName(id, kind);
                    if (register(n, new MetricBean(view.metrics(), id, kind), null)) {
                        metricBeans.put(id, n);
                    }
                } catch (JMException e) {
                    LOG.warn("No JMX name for metric {}: {}", id, e.getMessage());
                }
            }
        });
    }

    /**
     * An ensemble member's role bean, replaced when the role changes (as ZooKeeper registers a new one for each
     * leadership, following or election), with the data tree and the connections beneath it.
     */
    private void followRole() {
        EnsembleView e = view.ensemble();
        String now = e == null ? null : switch (e.role()) {
            case EnsembleView.LEADING -> "Leader";
            case EnsembleView.FOLLOWING -> "Follower";
            case EnsembleView.OBSERVING -> "Observer";
            default -> "LeaderElection";
        };
        if (now == null || now.equals(role)) {
            return;
        }
        connectionBeans.values().forEach(this::unregister);
        connectionBeans.clear();
        roleBeans.forEach(this::unregister);
        roleBeans.clear();
        role = now;
        serverPath = null;
        List<String> path = new ArrayList<>(localPeer);
        path.add(now);
        Object bean = switch (now) {
            case "Leader" -> new LeaderBean(view, settings);
            case "Follower" -> new FollowerBean(view, settings);
            case "Observer" -> new ObserverBean(view, settings);
            default -> new LeaderElectionBean();
        };
        if (!register(name(path), bean, roleBeans)) {
            role = null; // try again on the next refresh
            return;
        }
        if (!(bean instanceof LeaderElectionBean)) {
            register(name(path, "InMemoryDataTree"), new DataTreeBean(view), roleBeans);
            serverPath = List.copyOf(path);
        }
        LOG.info("JMX: server {} is {}; its beans are under {}", e.myId(), e.role(), name(path));
    }

    private Map<Long, ConnectionSummary> readConnections() {
        List<ConnectionSummary> list = view.connections();
        Map<Long, ConnectionSummary> byId = new HashMap<>();
        for (ConnectionSummary c : list) {
            byId.put(c.connectionId(), c);
        }
        connections = byId;
        connectionsReadMs = System.nanoTime() / 1_000_000;
        return byId;
    }

    /** One connection's figures, from a list at most 200 ms old. */
    private ConnectionSummary connection(long connectionId) {
        if (System.nanoTime() / 1_000_000 - connectionsReadMs > CONNECTIONS_TTL_MS) {
            readConnections();
        }
        return connections.get(connectionId);
    }

    /** ZooKeeper quotes IPv6 addresses in the name (their colons would split it). */
    private static String hostForName(String host) {
        try {
            if (InetAddress.getByName(host) instanceof Inet6Address) {
                return ObjectName.quote(host);
            }
        } catch (java.io.IOException e) {
            // not a literal address: use it as it is
        }
        return host;
    }

    /** {@link #name(String...)} of {@code path} followed by {@code more}. */
    static ObjectName name(List<String> path, String... more) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(more));
        return name(all.toArray(new String[0]));
    }

    /** {@code org.apache.ZooKeeperService:name0=...,name1=...}: ZooKeeper's MBeanRegistry layout. */
    static ObjectName name(String... parts) {
        StringBuilder b = new StringBuilder(DOMAIN).append(':');
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("name").append(i).append('=').append(parts[i]);
        }
        try {
            return new ObjectName(b.toString());
        } catch (JMException e) {
            throw new IllegalArgumentException("not a valid JMX name: " + b, e);
        }
    }

    private boolean register(ObjectName name, Object bean, Set<ObjectName> into) {
        try {
            mbs.registerMBean(bean, name);
            if (into != null) {
                into.add(name);
            }
            return true;
        } catch (InstanceAlreadyExistsException e) {
            LOG.debug("JMX name {} is taken; trying again on the next refresh", name);
            return false;
        } catch (JMException e) {
            LOG.warn("Cannot register the JMX bean {}: {}", name, e.getMessage());
            return false;
        }
    }

    private void unregister(ObjectName name) {
        try {
            mbs.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            LOG.warn("Cannot unregister the JMX bean {}: {}", name, e.getMessage());
        }
    }
}
