/**
 * The side-by-side benchmark of Corral against Apache ZooKeeper 3.9.3.
 *
 * <p>{@code bench/run.sh} owns the server processes (one at a time, started and stopped by PID) and calls
 * {@link io.corral.bench.LoadGenerator} once per (server, workload); each call appends one JSON line to the run's
 * results file. {@link io.corral.bench.Report} turns that file into the comparison table. Nothing here runs during
 * {@code mvn verify}: the module has no tests.
 */
package io.corral.bench;
