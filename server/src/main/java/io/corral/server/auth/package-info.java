/**
 * The ACL schemes loaded through the api SPI (ServiceLoader and {@code authProvider.N}), and the checks built on
 * them with ZooKeeper's rules: permission checks, ACL validation and {@code auth} expansion, authentication of auth
 * packets and TLS handshakes, and {@code enforce.auth.enabled}.
 */
package io.corral.server.auth;
