package io.corral.bench;

import io.corral.bench.workload.CreateWorkload;
import io.corral.bench.workload.DeleteWorkload;
import io.corral.bench.workload.EphemeralCleanup;
import io.corral.bench.workload.Failover;
import io.corral.bench.workload.KeyspaceWorkload;
import io.corral.bench.workload.MemoryFootprint;
import io.corral.bench.workload.SessionChurn;
import io.corral.bench.workload.WatchFanOut;
import io.corral.bench.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one workload against one server through the Apache ZooKeeper 3.9.3 client and appends its result line.
 *
 * <pre>
 * java -cp ... io.corral.bench.LoadGenerator [--quick] --server corral --connect 127.0.0.1:2181 \
 *      --workload get --out results.jsonl
 * </pre>
 *
 * Exit status: 0 when a result line was produced (whatever its status), 2 for bad options, 3 if the results
 * file could not be written. The process exits explicitly so that client threads of a session that would not
 * close cannot keep it alive.
 */
public final class LoadGenerator {

    /** Workload names in the order run.sh runs them: create leaves the nodes that delete removes. */
    static final Map<String, Supplier<Workload>> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("create", CreateWorkload::new);
        WORKLOADS.put("delete", DeleteWorkload::new);
        WORKLOADS.put("set", KeyspaceWorkload::set);
        WORKLOADS.put("get", KeyspaceWorkload::get);
        WORKLOADS.put("exists", KeyspaceWorkload::exists);
        WORKLOADS.put("mixed", KeyspaceWorkload::mixed);
        WORKLOADS.put("watch", WatchFanOut::new);
        WORKLOADS.put("session", SessionChurn::new);
        WORKLOADS.put("ephemeral", EphemeralCleanup::new);
        WORKLOADS.put("memory", MemoryFootprint::new);
        WORKLOADS.put("failover", Failover::new);
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        Settings settings;
        Supplier<Workload> workload;
        try {
            settings = Settings.parse(args);
            workload = WORKLOADS.get(settings.text("workload"));
            if (workload == null) {
                throw new IllegalArgumentException("unknown workload '" + settings.text("workload")
                        + "', expected one of " + WORKLOADS.keySet());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage() + "\n" + Settings.usage());
            System.exit(2);
            return;
        }
        Result result;
        try {
            result = workload.get().run(settings);
        } catch (Exception | Error e) {
            e.printStackTrace();
            result = Result.failed(settings, e);
        }
        System.out.println(result.summary());
        System.out.flush();
        System.exit(append(settings.text("out"), result.json()) ? 0 : 3);
    }

    private static boolean append(String out, String line) {
        if (out.isEmpty()) {
            System.out.println(line);
            return true;
        }
        try {
            Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            System.err.println("LoadGenerator: cannot append to " + out + ": " + e);
            return false;
        }
    }
}
