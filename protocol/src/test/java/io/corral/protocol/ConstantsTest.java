package io.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.protocol.persistence.FileHeader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.apache.zookeeper.ClientCnxn;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.persistence.FileSnap;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.junit.jupiter.api.Test;

/** Our constants against the values and names of ZooKeeper 3.9.3's own. */
class ConstantsTest {
    private static Map<String, Integer> intConstants(Class<?> type) {
        Map<String, Integer> out = new TreeMap<>();
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == int.class) {
                try {
                    out.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    /** getData → GET_DATA, getChildren2 → GET_CHILDREN2, createTTL → CREATE_TTL, whoAmI → WHO_AM_I. */
    private static String upperSnake(String camel) {
        return camel.replaceAll("TTL", "Ttl").replaceAll("ACL", "Acl").replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase();
    }

    @Test
    void opCodes() {
        Map<String, Integer> theirs = intConstants(ZooDefs.OpCode.class);
        Map<String, Integer> expected = new TreeMap<>();
        theirs.forEach((name, value) -> {
            expected.put(upperSnake(name), value);
            assertEquals(name, OpCode.name(value));
        });
        assertEquals(expected, intConstants(OpCode.class));
        assertEquals("unknown(10)", OpCode.name(10));
    }

    @Test
    void codes() {
        Map<String, Integer> expected = new TreeMap<>();
        for (KeeperException.Code c : KeeperException.Code.values()) {
            expected.put(c.name(), c.intValue());
            assertEquals(c.name(), Code.name(c.intValue()));
        }
        assertEquals(expected, intConstants(Code.class));
        assertEquals("UNKNOWN(-9)", Code.name(-9));
    }

    @Test
    void eventTypes() {
        Map<String, Integer> expected = new TreeMap<>();
        for (Watcher.Event.EventType t : Watcher.Event.EventType.values()) {
            expected.put(upperSnake(t.name()), t.getIntValue());
            assertEquals(t.name(), EventType.name(t.getIntValue()));
        }
        assertEquals(expected, intConstants(EventType.class));
    }

    @Test
    void keeperStates() {
        Map<String, Integer> expected = new TreeMap<>();
        for (Watcher.Event.KeeperState s : Watcher.Event.KeeperState.values()) {
            expected.put(upperSnake(s.name()), s.getIntValue());
            assertEquals(s.name(), KeeperState.name(s.getIntValue()));
        }
        assertEquals(expected, intConstants(KeeperState.class));
    }

    @Test
    void watcherTypesAndAddWatchModes() {
        Map<String, Integer> types = new TreeMap<>();
        for (Watcher.WatcherType t : Watcher.WatcherType.values()) {
            types.put(upperSnake(t.name()), t.getIntValue());
            assertEquals(t.name(), WatcherType.name(t.getIntValue()));
        }
        assertEquals(types, intConstants(WatcherType.class));

        Map<String, Integer> modes = new TreeMap<>();
        for (org.apache.zookeeper.AddWatchMode m : org.apache.zookeeper.AddWatchMode.values()) {
            modes.put(m.name(), m.getMode());
            assertEquals(m.name(), AddWatchMode.name(m.getMode()));
        }
        assertEquals(modes, intConstants(AddWatchMode.class));
        assertEquals(intConstants(ZooDefs.AddWatchModes.class).get("persistent"), AddWatchMode.PERSISTENT);
    }

    @Test
    void perms() {
        Map<String, Integer> theirs = intConstants(ZooDefs.Perms.class);
        assertEquals(theirs, intConstants(Perms.class));
    }

    @Test
    void createFlags() {
        Map<String, Integer> expected = new TreeMap<>();
        for (org.apache.zookeeper.CreateMode m : org.apache.zookeeper.CreateMode.values()) {
            int f = m.toFlag();
            expected.put(m.name(), f);
            assertEquals(m.name(), CreateFlags.name(f));
            assertEquals(m.isEphemeral(), CreateFlags.isEphemeral(f), m.name());
            assertEquals(m.isSequential(), CreateFlags.isSequential(f), m.name());
            assertEquals(m.isContainer(), CreateFlags.isContainer(f), m.name());
            assertEquals(m.isTTL(), CreateFlags.isTtl(f), m.name());
        }
        assertEquals(expected, intConstants(CreateFlags.class));
        for (int f = -3; f < 12; f++) {
            int flag = f;
            boolean valid = expected.containsValue(f);
            assertEquals(valid, CreateFlags.isValid(f), "flag " + f);
            if (!valid) {
                assertThrows(KeeperException.class, () -> org.apache.zookeeper.CreateMode.fromFlag(flag));
                assertFalse(CreateFlags.isEphemeral(f) || CreateFlags.isSequential(f)
                        || CreateFlags.isContainer(f) || CreateFlags.isTtl(f));
            }
        }
    }

    @Test
    void xids() {
        assertEquals(ClientCnxn.NOTIFICATION_XID, Xid.NOTIFICATION);
        assertEquals(ClientCnxn.PING_XID, Xid.PING);
        assertEquals(ClientCnxn.AUTHPACKET_XID, Xid.AUTH);
        assertEquals(ClientCnxn.SET_WATCHES_XID, Xid.SET_WATCHES);
    }

    @Test
    void fileMagics() {
        assertEquals(FileTxnLog.TXNLOG_MAGIC, FileHeader.LOG_MAGIC);
        assertEquals(FileSnap.SNAP_MAGIC, FileHeader.SNAP_MAGIC);
        assertEquals(FileTxnLog.VERSION, FileHeader.VERSION);
    }
}
