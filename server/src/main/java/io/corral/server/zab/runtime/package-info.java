/**
 * The thin shell around the pure ZAB core: the codec and, next, the TCP transports and the thread that
 * executes each Ready against the log, the snapshots and the tree.
 */
package io.corral.server.zab.runtime;
