package io.corral.it.ensemble;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.corral.it.support.Target;

/**
 * Sizes, timing and extra keys of an {@link Ensemble}, from {@link Ensemble#builder(Class)}. {@link #build()} lays
 * the ensemble out on disk (a temporary directory with one {@link MemberConfig} per member, on ports picked free) and
 * starts nothing; {@link #start()} also starts it.
 */
public final class EnsembleBuilder {

    /** Ensembles built so far per name, so that a second one of a test class gets log files of its own. */
    private static final Map<String, AtomicInteger> NAMES = new ConcurrentHashMap<>();

    private final String testName;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private int voters = 3;
    private int observers;
    private int tickTime = 200;
    private int initLimit = 10;
    private int syncLimit = 5;
    private boolean adminServer;
    private Target target;

    EnsembleBuilder(String testName) {
        this.testName = testName;
    }

    public EnsembleBuilder voters(int n) {
        this.voters = n;
        return this;
    }

    public EnsembleBuilder observers(int n) {
        this.observers = n;
        return this;
    }

    public EnsembleBuilder tickTime(int ms) {
        this.tickTime = ms;
        return this;
    }

    public EnsembleBuilder initLimit(int ticks) {
        this.initLimit = ticks;
        return this;
    }

    public EnsembleBuilder syncLimit(int ticks) {
        this.syncLimit = ticks;
        return this;
    }

    /**
     * Turns every member's admin endpoint on, on 127.0.0.1 and a free port of its own
     * ({@link Ensemble#adminPort(int)}); it is off otherwise.
     */
    public EnsembleBuilder adminServer() {
        this.adminServer = true;
        return this;
    }

    /** Any other zoo.cfg key, written to every member's zoo.cfg. */
    public EnsembleBuilder set(String key, String value) {
        extra.put(key, value);
        return this;
    }

    /** An extra JVM argument for every member. */
    public EnsembleBuilder jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** This implementation regardless of {@code -Dit.target}. */
    public EnsembleBuilder target(Target t) {
        this.target = t;
        return this;
    }

    /**
     * Writes every member's directory, myid and zoo.cfg: servers 1..N, voters first, then observers, each with a
     * client, a quorum and an election port (and an admin port with {@link #adminServer()}). Starts nothing.
     */
    public Ensemble build() throws IOException {
        int n = NAMES.computeIfAbsent(testName, k -> new AtomicInteger()).incrementAndGet();
        String name = n == 1 ? testName : testName + "." + n;
        Path root = Files.createTempDirectory("corral-it-" + name + "-");
        int total = voters + observers;
        int perMember = adminServer ? 4 : 3;
        int[] ports = freePorts(perMember * total);
        SortedMap<Integer, MemberConfig> members = new TreeMap<>();
        for (int id = 1; id <= total; id++) {
            int i = perMember * (id - 1);
            members.put(id, new MemberConfig(id, id > voters, ports[i], ports[i + 1], ports[i + 2],
                    adminServer ? ports[i + 3] : -1, root.resolve("server" + id)));
        }
        Map<String, String> timing = new LinkedHashMap<>();
        timing.put("tickTime", Integer.toString(tickTime));
        timing.put("initLimit", Integer.toString(initLimit));
        timing.put("syncLimit", Integer.toString(syncLimit));
        for (MemberConfig m : members.values()) {
            m.write(timing, extra, members.values());
        }
        List<String> args = new ArrayList<>();
        // Four or five JVMs share the machine with the tests: keep each small and light on compiler threads.
        args.add("-XX:+UseSerialGC");
        args.add("-XX:TieredStopAtLevel=1");
        args.addAll(jvmArgs);
        return new Ensemble(name, target != null ? target : Target.current(), root, members.values(),
                List.copyOf(args));
    }

    /** {@link #build()} then {@link Ensemble#start()}; the ensemble is closed if it does not come up. */
    public Ensemble start() throws IOException {
        Ensemble e = build();
        try {
            return e.start();
        } catch (RuntimeException | Error | IOException ex) {
            e.close();
            throw ex;
        }
    }

    /** Free loopback ports, all held open while choosing so that none is handed out twice. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                sockets.add(s);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(Ensemble.HOST, 0));
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
