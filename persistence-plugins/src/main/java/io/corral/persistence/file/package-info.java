/**
 * The {@code file} persistence backend: Apache ZooKeeper 3.9's on-disk format, so that a ZooKeeper dataDir starts
 * under Corral and the other way round.
 *
 * <pre>
 *   dataLogDir/version-2/log.&lt;hex zxid of first entry&gt;   FileTxnLog: LogSegmentWriter appends, LogRecovery
 *                                                     cuts a torn tail at open, FileLogReader reads across files
 *   dataDir/version-2/snapshot.&lt;hex zxid&gt;[.gz]          FileSnapshotStore: SnapshotEncoder writes, SnapshotDecoder
 *                                                     validates (pass 1) then feeds the sink (pass 2)
 * </pre>
 *
 * Purger implements retention for the backend and for {@link io.corral.persistence.file.PurgeTool};
 * {@link io.corral.persistence.file.LogInspector} and {@link io.corral.persistence.file.SnapshotInspector} print
 * the files for people.
 */
package io.corral.persistence.file;
