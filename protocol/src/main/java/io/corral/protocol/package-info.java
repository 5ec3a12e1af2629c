/**
 * The ZooKeeper 3.9 client protocol on the wire: jute encoding, opcodes, error codes and every request, response and transaction record.
 */
package io.corral.protocol;
