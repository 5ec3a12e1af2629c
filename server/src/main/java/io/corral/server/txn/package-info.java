/**
 * Transactions: their log encoding (Apache ZooKeeper's) and the deterministic state machine that applies
 * them to the tree.
 */
package io.corral.server.txn;
