package io.corral.protocol;

import io.corral.protocol.data.ACL;
import io.corral.protocol.data.ClientInfo;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;

/** Serializes with the reference implementation and converts our data records into its classes. */
final class Apache {
    private Apache() {
    }

    static byte[] bytes(org.apache.jute.Record r) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            BinaryOutputArchive.getArchive(bos).writeRecord(r, "tag");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Reads bytes into a fresh instance of the given reference record class. */
    static org.apache.jute.Record read(Class<? extends org.apache.jute.Record> type, byte[] b) {
        try {
            org.apache.jute.Record r = type.getDeclaredConstructor().newInstance();
            BinaryInputArchive.getArchive(new ByteArrayInputStream(b)).readRecord(r, "tag");
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static org.apache.zookeeper.data.Id id(Id id) {
        return new org.apache.zookeeper.data.Id(id.scheme(), id.id());
    }

    static List<org.apache.zookeeper.data.ACL> acls(List<ACL> acls) {
        if (acls == null) {
            return null;
        }
        return acls.stream().map(a -> new org.apache.zookeeper.data.ACL(a.perms(), id(a.id()))).toList();
    }

    static org.apache.zookeeper.data.Stat stat(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(),
                s.cversion(), s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    static List<org.apache.zookeeper.data.ClientInfo> clientInfos(List<ClientInfo> infos) {
        if (infos == null) {
            return null;
        }
        return infos.stream().map(i -> new org.apache.zookeeper.data.ClientInfo(i.authScheme(), i.user())).toList();
    }
}
