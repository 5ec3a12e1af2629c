/**
 * Quorum arithmetic: which sets of servers are a majority of the voting members. Pure.
 */
package io.corral.server.zab.quorum;
