/**
 * The management contract: what a management extension (JMX beans, an HTTP admin endpoint, a metrics exporter)
 * may see of a running server and do to it.
 *
 * <p>A {@link io.corral.api.management.ManagementExtension} is found through {@link java.util.ServiceLoader} and
 * started with a {@link io.corral.api.management.ServerView}: run a monitoring command by name (the same
 * registry that answers four-letter words, so both always agree), list the connections and act on one, read the
 * server's metrics through a {@link io.corral.api.management.MetricsVisitor}, and, on an ensemble member, see the
 * ensemble as an {@link io.corral.api.management.EnsembleView}. Every value that crosses this boundary is a plain
 * Java value (Map, List, String, Number, Boolean, null, records of numbers and text), so this package needs
 * nothing beyond the JDK.
 */
package io.corral.api.management;
