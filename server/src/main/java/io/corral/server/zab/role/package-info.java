/**
 * The leader and learner roles of ZAB: discovery, sync and broadcast, each a small pure class driven by ZabPeer.
 */
package io.corral.server.zab.role;
