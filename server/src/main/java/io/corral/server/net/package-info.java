/**
 * The client ports: NIO selector loops, framing, the handshake, four-letter words, flow control and
 * maxClientCnxns; on the secure port, TLS under the framing ({@code TlsLayer}, with stores and engines from
 * {@code net.tls}). The only package besides the log stage that owns threads and sockets.
 */
package io.corral.server.net;
