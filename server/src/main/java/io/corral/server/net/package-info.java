/**
 * The client port: NIO selector loops, framing, the handshake, four-letter words, flow control and
 * maxClientCnxns. The only package besides the log stage that owns threads and sockets.
 */
package io.corral.server.net;
