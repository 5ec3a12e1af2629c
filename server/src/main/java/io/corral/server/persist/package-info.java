/**
 * Adapters between the tree and the persistence SPI: fuzzy snapshots out, snapshots and log replay in.
 */
package io.corral.server.persist;
