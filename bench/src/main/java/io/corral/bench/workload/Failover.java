package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.SessionPool;
import io.corral.bench.driver.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Leader failover in an ensemble: sessions connected through the whole connect string write in a loop; the
 * leader's process is killed with SIGKILL; each session retries until its next write succeeds. Reported: the
 * time from the kill to the first successful write of any session (the ensemble takes writes again) and to the
 * last session's (every client is back), and how many sessions expired.
 */
public final class Failover implements Workload {
    static final String ROOT = Tree.ROOT + "/failover";
    /** Between two attempts while the ensemble has no leader: short against a failover, kind to the CPU. */
    private static final long RETRY_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(2);

    @Override
    public Result run(Settings s) throws Exception {
        long leaderPid = s.number("leader-pid");
        Optional<ProcessHandle> leader = ProcessHandle.of(leaderPid);
        if (leaderPid <= 0 || leader.isEmpty()) {
            throw new IllegalArgumentException("--leader-pid " + leaderPid + " is not a running process");
        }
        int sessions = Math.min(s.integer("sessions"), 8);
        long boundNs = TimeUnit.SECONDS.toNanos(s.integer("failover-s"));
        try (SessionPool pool = SessionPool.open(s.text("connect"), sessions)) {
            Tree.ensure(pool.get(0), ROOT);
            byte[] data = Tree.payload(s.integer("data-bytes"));
            for (ZooKeeper zk : pool.sessions()) {
                zk.create(ROOT + "/w-", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
            }
            long killedNs = System.nanoTime();
            leader.get().destroyForcibly();
            List<Thread> writers = new ArrayList<>();
            long[] backNs = new long[sessions];
            boolean[] expired = new boolean[sessions];
            for (int i = 0; i < sessions; i++) {
                int n = i;
                ZooKeeper zk = pool.get(i);
                Thread t = new Thread(() -> {
                    backNs[n] = writeUntilSuccess(zk, data, killedNs + boundNs, expired, n);
                }, "failover-writer-" + i);
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) {
                t.join(TimeUnit.NANOSECONDS.toMillis(boundNs) + 5_000);
            }
            long first = Long.MAX_VALUE;
            long last = 0;
            int back = 0;
            int expiredCount = 0;
            for (int i = 0; i < sessions; i++) {
                expiredCount += expired[i] ? 1 : 0;
                if (backNs[i] > 0) {
                    back++;
                    first = Math.min(first, backNs[i] - killedNs);
                    last = Math.max(last, backNs[i] - killedNs);
                }
            }
            Result r = Result.of(s).put("sessions", sessions).put("sessions_expired", expiredCount)
                    .put("sessions_back", back);
            if (back == 0) {
                return r.worsen("failed").note("no write succeeded within " + s.integer("failover-s") + " s of the kill");
            }
            r.put("failover_ms", first / 1e6).put("failover_all_ms", last / 1e6);
            return back < sessions ? r.worsen("partial").note((sessions - back) + " sessions never wrote again") : r;
        }
    }

    /** Returns System.nanoTime() of the first successful write, or 0 if none came before the deadline. */
    private static long writeUntilSuccess(ZooKeeper zk, byte[] data, long deadlineNs, boolean[] expired, int n) {
        while (System.nanoTime() < deadlineNs) {
            try {
                zk.create(ROOT + "/w-", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
                return System.nanoTime();
            } catch (KeeperException.SessionExpiredException e) {
                expired[n] = true;
                return 0;
            } catch (KeeperException e) {
                LockSupport.parkNanos(RETRY_PAUSE_NS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }
}
