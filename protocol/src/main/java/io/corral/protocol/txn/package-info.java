/**
 * The transaction log records: the header of every entry and the body of each transaction type, as ZooKeeper
 * writes them to disk and sends them between servers.
 */
package io.corral.protocol.txn;
