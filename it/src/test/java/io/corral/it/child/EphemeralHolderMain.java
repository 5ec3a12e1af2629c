package io.corral.it.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Runs in a child JVM: connects to {@code args[0]} with session timeout {@code args[1]} ms, creates the ephemeral
 * znode {@code args[2]}, prints {@code READY <sessionId hex> <negotiated timeout> <password hex>} and then holds the session until
 * its stdin reaches end of file (or the process is killed).
 */
public final class EphemeralHolderMain {

    private EphemeralHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        String connectString = args[0];
        int timeout = Integer.parseInt(args[1]);
        String path = args[2];
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, timeout, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                System.out.println("FAILED not connected");
                System.exit(2);
            }
            zk.create(path, "held".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            StringBuilder pw = new StringBuilder();
            for (byte b : zk.getSessionPasswd()) {
                pw.append(String.format("%02x", b & 0xff));
            }
            System.out.println("READY " + Long.toHexString(zk.getSessionId()) + " " + zk.getSessionTimeout() + " " + pw);
            System.out.flush();
            try {
                while (System.in.read() >= 0) {
                    // hold the session until the parent closes our stdin
                }
            } catch (IOException ignored) {
                // parent went away
            }
        } finally {
            zk.close(2_000);
        }
    }
}
