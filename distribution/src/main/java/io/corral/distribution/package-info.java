/**
 * The distribution: the tarball (bin/, conf/, lib/) is assembled from {@code src/main/bin}, {@code src/main/conf}
 * and the modules' jars. The only code is {@link io.corral.distribution.ServerProbe}, which the scripts run for what
 * bash does badly: a four-letter word with timeouts, a bounded wait for a new server to answer, a port check by
 * binding, and the version.
 */
package io.corral.distribution;
