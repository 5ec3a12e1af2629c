/**
 * The records of the client port: the handshake, request and reply headers, each operation's request and
 * response, watch events and the multi framing.
 */
package io.corral.protocol.proto;
