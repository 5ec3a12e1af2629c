package io.corral.client;

import io.corral.protocol.CreateFlags;
import io.corral.protocol.data.ACL;
import java.util.List;

/** One operation of an atomic {@link ZkClient#multi}. Paths are the caller's, inside the chroot. */
public sealed interface Op {
    String path();

    /** {@code ttl} is -1 unless {@code flags} is a TTL mode. */
    record Create(String path, byte[] data, List<ACL> acl, int flags, long ttl) implements Op {
    }

    record Delete(String path, int version) implements Op {
    }

    record SetData(String path, byte[] data, int version) implements Op {
    }

    record Check(String path, int version) implements Op {
    }

    static Op create(String path, byte[] data, List<ACL> acl, int flags) {
        return new Create(path, data, acl, flags, -1);
    }

    static Op create(String path, byte[] data, List<ACL> acl, int flags, long ttl) {
        if (!CreateFlags.isTtl(flags)) {
            throw new IllegalArgumentException("ttl not valid for mode: " + CreateFlags.name(flags));
        }
        return new Create(path, data, acl, flags, ttl);
    }

    static Op delete(String path, int version) {
        return new Delete(path, version);
    }

    static Op setData(String path, byte[] data, int version) {
        return new SetData(path, data, version);
    }

    static Op check(String path, int version) {
        return new Check(path, version);
    }
}
