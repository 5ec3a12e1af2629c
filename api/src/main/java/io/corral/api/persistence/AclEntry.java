package io.corral.api.persistence;

/** One ACL entry as a snapshot stores it: permission bits and an id of a scheme. */
public record AclEntry(int perms, String scheme, String id) {
}
