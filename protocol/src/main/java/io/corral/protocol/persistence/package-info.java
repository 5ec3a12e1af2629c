/**
 * Records that frame ZooKeeper's data files: the header shared by transaction logs and snapshots.
 */
package io.corral.protocol.persistence;
