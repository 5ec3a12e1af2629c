/**
 * The request pipeline: prepare (validate, zxid) -> log (group commit through the persistence SPI) -> apply
 * (tree, watches, replies in request order). One thread owns all state; ops live in {@code op}.
 *
 * <p>On the pipeline thread, {@link io.corral.server.pipeline.Pipeline} takes the events and hands them to
 * {@code ClientSessions} (handshakes and sessions), {@code RequestIntake} (requests as they arrive, prepared by
 * {@code Preparer} against {@code PendingChanges}), {@code ReplyPath} (answers and closes) and, in an ensemble,
 * {@code EnsembleEvents} (commits, role changes, snapshots), with {@code Forwarding} and {@code LeaderIntake} for
 * the requests a learner sends to its leader. All of them work on one {@code PipelineState}: the tree, the sessions
 * and the stages built over them, which a replica's reload replaces together.
 */
package io.corral.server.pipeline;
