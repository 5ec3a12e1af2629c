/**
 * TLS for the secure client port: key and trust stores (JKS, PKCS12, PEM) read with ZooKeeper's keys, the
 * SSLContext built from them, reloaded when the files change, and the SSLEngines configured for each connection.
 * The engine itself is driven by {@code net.TlsLayer}, under the connection's framing.
 */
package io.corral.server.net.tls;
