package io.corral.persistence.file;

/**
 * ZooKeeper's uncompressed ("CHECKED") snapshot stream:
 * <pre>
 *   FileHeader      magic "ZKSN", version 2, dbid -1
 *   sessions        count int, then (id long, timeout int) per session
 *   ACL cache       count int, then (key long, vector&lt;ACL&gt;) per list
 *   nodes           (path ustring, data buffer, acl key long, StatPersisted) in depth-first pre-order;
 *                   the root's path is "" on disk (and "/" in the SPI)
 *   end of nodes    ustring "/"
 *   seal            long Adler32 of every byte so far, ustring "/"
 *   [digest]        zxid long, version int, digest long (a hex ustring if version &lt; 2), then a seal
 *   [last zxid]     long, then a seal
 * </pre>
 * Each seal's checksum covers the whole stream before it, earlier seals included. Corral writes neither
 * optional section: ZooKeeper 3.9 reads their absence (EOF) as "not there". A ".gz" file holds the same stream.
 */
final class SnapshotFormat {
    static final String END_OF_NODES = "/";
    /** The last 5 bytes of every complete uncompressed snapshot: the int 1 and "/" of the final seal. */
    static final byte[] TAIL = {0, 0, 0, 1, '/'};
    static final int MIN_LENGTH = 10;
    /** The optional sections and their seals take under 100 bytes; anything longer after the seal is garbage. */
    static final int MAX_TRAILER = 4096;
    /** StatPersisted: czxid, mzxid, ctime, mtime (longs), version, cversion, aversion (ints), ephemeralOwner, pzxid. */
    static final int STAT_SIZE = 8 * 4 + 4 * 3 + 8 * 2;

    private SnapshotFormat() {
    }
}
