/**
 * Persistence backends behind the api SPI: the file backend (preallocated transaction log, fuzzy snapshots in
 * Apache ZooKeeper's on-disk format) and a memory backend.
 */
package io.corral.persistence;
