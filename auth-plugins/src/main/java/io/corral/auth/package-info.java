/**
 * The built-in ACL schemes, found by the server through ServiceLoader: {@code world} (anyone), {@code digest}
 * (user:password, hashed as ZooKeeper hashes it, with the super digest), {@code ip} (IPv4/IPv6 addresses and
 * CIDR ranges), {@code super} (the bypass id) and {@code x509} (the TLS client certificate).
 */
package io.corral.auth;
