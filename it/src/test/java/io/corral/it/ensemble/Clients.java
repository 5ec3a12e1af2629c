package io.corral.it.ensemble;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.Zk;

/**
 * One Apache ZooKeeper client per ensemble member, each connected to that member alone (so a read through it is a
 * read of that server's copy), plus helpers for reading after {@code sync}.
 */
final class Clients implements AutoCloseable {

    static final int SESSION_TIMEOUT_MS = 10_000;

    private final Map<Integer, ZooKeeper> byId = new TreeMap<>();

    private Clients() {
    }

    /** A client for each of {@code ids}, connected to that server only. */
    static Clients connect(Ensemble ensemble, List<Integer> ids) throws IOException {
        Clients clients = new Clients();
        try {
            for (int id : ids) {
                clients.byId.put(id, only(ensemble, id));
            }
        } catch (IOException | RuntimeException | Error e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /** A client connected to server {@code id} only. */
    static ZooKeeper only(Ensemble ensemble, int id) throws IOException {
        return Zk.connect(ensemble.connectString(id), SESSION_TIMEOUT_MS, new EventRecorder("client of server " + id));
    }

    ZooKeeper get(int id) {
        ZooKeeper zk = byId.get(id);
        if (zk == null) {
            throw new IllegalArgumentException("no client for server " + id);
        }
        return zk;
    }

    /** sync, then getData, through the client of server {@code id}. */
    byte[] syncedData(int id, String path, Stat stat) throws KeeperException, InterruptedException {
        ZooKeeper zk = get(id);
        zk.sync(path);
        return zk.getData(path, false, stat);
    }

    /** sync, then getData, through {@code zk}. */
    static byte[] syncedData(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        zk.sync(path);
        return zk.getData(path, false, null);
    }

    /** sync, then exists, through the client of server {@code id}. */
    Stat syncedExists(int id, String path) throws KeeperException, InterruptedException {
        ZooKeeper zk = get(id);
        zk.sync(path);
        return zk.exists(path, false);
    }

    /** sync, then the sorted children, through the client of server {@code id}. */
    List<String> syncedChildren(int id, String path) throws KeeperException, InterruptedException {
        return syncedChildren(get(id), path);
    }

    static List<String> syncedChildren(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        zk.sync(path);
        List<String> children = new ArrayList<>(zk.getChildren(path, false));
        Collections.sort(children);
        return children;
    }

    @Override
    public void close() {
        byId.values().forEach(Zk::closeQuietly);
        byId.clear();
    }
}
