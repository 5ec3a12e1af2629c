/**
 * The management extension, built only on the api's read-only {@link io.corral.api.management.ServerView}: the
 * Jetty admin endpoint ({@code /commands}, {@code /commands/<name>} as ZooKeeper 3.9's AdminServer answers them,
 * and {@code /metrics} as Prometheus text), and JMX MBeans under ZooKeeper's object names and attributes, plus one
 * MBean per metric in Dropwizard's JmxReporter layout.
 *
 * <pre>
 *   ManagementPlugin (ServiceLoader) ─┬─ AdminServer (Jetty) ── AdminHandler ─┬─ CommandList (HTML)
 *                                     │                                       ├─ Json (command results)
 *                                     │                                       └─ PrometheusText (metrics)
 *                                     └─ JmxBeans ── ZooKeeperServerBean, DataTreeBean, ConnectionBean (per session),
 *                                                    MetricBean (per metric), kept in step once a second; on an
 *                                                    ensemble member QuorumBean, LocalPeerBean, RemotePeerBean and
 *                                                    a role bean (LeaderBean, FollowerBean, ObserverBean: server
 *                                                    beans; LeaderElectionBean while looking)
 * </pre>
 */
package io.corral.jmx;
