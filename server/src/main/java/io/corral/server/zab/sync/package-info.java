/**
 * The pure DIFF / TRUNC / SNAP planner a leader uses to bring each learner up to date.
 */
package io.corral.server.zab.sync;
