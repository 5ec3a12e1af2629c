/**
 * Jute, ZooKeeper's binary encoding: big-endian primitives, length-prefixed strings, buffers and vectors.
 */
package io.corral.protocol.jute;
