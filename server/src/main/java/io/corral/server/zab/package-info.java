/**
 * ZAB, the replication protocol: election, discovery, sync and broadcast as pure state machines, with threads,
 * sockets and files in a thin runtime around them. Standalone servers do not use it yet.
 */
package io.corral.server.zab;
