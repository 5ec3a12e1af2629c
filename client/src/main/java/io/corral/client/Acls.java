package io.corral.client;

import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import java.util.List;

/** ZooKeeper's predefined ACL lists. */
public final class Acls {
    public static final Id ANYONE = new Id("world", "anyone");
    /** Stands for every id the connection has authenticated as; the server expands it. */
    public static final Id AUTH = new Id("auth", "");

    public static final List<ACL> OPEN_ACL_UNSAFE = List.of(new ACL(Perms.ALL, ANYONE));
    public static final List<ACL> CREATOR_ALL_ACL = List.of(new ACL(Perms.ALL, AUTH));
    public static final List<ACL> READ_ACL_UNSAFE = List.of(new ACL(Perms.READ, ANYONE));

    private Acls() {
    }
}
