package io.corral.api.persistence;

/**
 * A node as a snapshot stores it: its path ({@code /} for the root), data, ACL key and persisted stat. The
 * stored {@code cversion} counts child creations; {@code ephemeralOwner} carries the container and TTL markers.
 */
public record SnapshotNode(String path, byte[] data, long aclKey, long czxid, long mzxid, long ctime, long mtime,
                           int version, int cversion, int aversion, long ephemeralOwner, long pzxid) {
}
