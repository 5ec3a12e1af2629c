/**
 * Load generators and the side-by-side harness that measures Corral against Apache ZooKeeper. Filled by the benchmark issue.
 */
package io.corral.bench;
