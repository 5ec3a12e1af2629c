package io.corral.it.ensemble;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import io.corral.it.support.FourLetterWord;
import io.corral.it.support.ServerCommand;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;

/**
 * A replicated ensemble on 127.0.0.1: servers 1..N (voters first, then observers), each its own JVM (Corral or the
 * reference ZooKeeper's {@code QuorumPeerMain}, per {@link Target#current()}), with its own zoo.cfg, dataDir and
 * {@code myid}, and a client port, a quorum port and an election port picked free. Every member's zoo.cfg lists the
 * whole ensemble in the ZooKeeper 3.5+ form {@code server.<id>=127.0.0.1:<quorum>:<election>[:observer];127.0.0.1:<client>};
 * an observer's own zoo.cfg also says {@code peerType=observer}.
 *
 * <p>{@link EnsembleBuilder} lays the members out on disk ({@link MemberConfig}); this class runs them: it starts,
 * stops and kills their processes and asks them for their roles.
 *
 * <p>Output of member {@code id} goes to {@code target/it-logs/<name>-<id>.log}, where {@code name} is the test class
 * (plus {@code .<label>} when given, or {@code .2}, {@code .3}... for further ensembles of the same name in one run);
 * a restart appends to the same file after a {@code # start <n>} header, and kills and stops are noted there too,
 * so one file tells a member's whole story ({@link MemberLog}).
 *
 * <p>Every wait is bounded. Roles come from the {@code srvr} four-letter word ({@link #mode(int)}).
 */
public final class Ensemble implements AutoCloseable {

    public static final String HOST = ServerProcess.HOST;
    public static final String LEADER = "leader";
    public static final String FOLLOWER = "follower";
    public static final String OBSERVER = "observer";
    /** What ZooKeeper's four-letter words print while the server is up but not serving (e.g. no quorum). */
    public static final String NOT_SERVING = "not currently serving requests";

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Target target;
    private final Path root;
    private final SortedMap<Integer, Member> members;
    private final List<String> jvmArgs;
    private final Thread reaper;

    /** Takes over the members {@link EnsembleBuilder#build()} wrote; starts nothing. */
    Ensemble(String name, Target target, Path root, Collection<MemberConfig> configs, List<String> jvmArgs)
            throws IOException {
        this.name = name;
        this.target = target;
        this.root = root;
        this.members = new TreeMap<>();
        for (MemberConfig config : configs) {
            members.put(config.id, new Member(config, MemberLog.fresh(name, config.id)));
        }
        this.jvmArgs = jvmArgs;
        this.reaper = new Thread(() -> members.values().forEach(m -> {
            Process p = m.process;
            if (p != null) {
                p.destroyForcibly();
            }
        }), "it-ensemble-reaper-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Logs in {@code target/it-logs/<TestClass>-<id>.log}. */
    public static EnsembleBuilder builder(Class<?> testClass) {
        return new EnsembleBuilder(testClass.getSimpleName());
    }

    /** For a class with several ensembles: logs in {@code target/it-logs/<TestClass>.<label>-<id>.log}. */
    public static EnsembleBuilder builder(Class<?> testClass, String label) {
        return new EnsembleBuilder(testClass.getSimpleName() + "." + label);
    }

    /** One server of the ensemble: its configuration, its log file and its current process. */
    private static final class Member {
        final MemberConfig config;
        final MemberLog log;
        volatile Process process;

        Member(MemberConfig config, MemberLog log) {
            this.config = config;
            this.log = log;
        }

        boolean alive() {
            Process p = process;
            return p != null && p.isAlive();
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Starts every member that is not running and waits (bounded, 60 s) until one leader serves with every running
     * member serving in some role. Idempotent: with all members up it only checks that they serve.
     */
    public Ensemble start() throws IOException {
        for (Member m : members.values()) {
            if (!m.alive()) {
                spawn(m);
            }
        }
        awaitAllServing(START_TIMEOUT);
        return this;
    }

    /**
     * Starts member {@code id} (if it is not running) and waits (bounded) until its client port answers
     * {@code ruok}; it may not serve yet (e.g. without a quorum): see {@link #awaitServing(int, Duration)}.
     */
    public void start(int id) throws IOException {
        Member m = member(id);
        if (!m.alive()) {
            spawn(m);
        }
        awaitListening(m);
    }

    /** Starts the stopped or killed member {@code id} again on the same dataDir, zoo.cfg and ports. */
    public void restart(int id) throws IOException {
        Member m = member(id);
        if (m.alive()) {
            throw new IllegalStateException("restart: server " + id + " (pid " + m.process.pid() + ") is still running");
        }
        start(id);
    }

    /** {@code kill -9 <pid>} and a bounded wait for the process to be gone; the data stays. */
    public void kill9(int id) throws IOException, InterruptedException {
        Member m = member(id);
        Process p = m.process;
        if (p == null || !p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -9 " + p.pid() + " did not finish");
        }
        if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server " + id + " pid " + p.pid() + " still alive " + EXIT_TIMEOUT
                    + " after kill -9");
        }
        m.log.note("killed with kill -9 (exit " + p.exitValue() + ")");
    }

    /** Graceful stop: SIGTERM and a bounded wait for the exit; the data stays. Returns the exit code. */
    public int stop(int id) throws InterruptedException {
        Member m = member(id);
        Process p = m.process;
        if (p == null) {
            throw new IllegalStateException("server " + id + " was never started");
        }
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("server " + id + " pid " + p.pid() + " did not exit within "
                        + EXIT_TIMEOUT + " of SIGTERM; log " + m.log.file());
            }
            m.log.note("stopped with SIGTERM (exit " + p.exitValue() + ")");
        }
        return p.exitValue();
    }

    /** Stops every member (SIGTERM, then SIGKILL after a bounded wait) and removes the ensemble's directory. */
    @Override
    public void close() {
        for (Member m : members.values()) {
            Process p = m.process;
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        try {
            for (Member m : members.values()) {
                Process p = m.process;
                if (p != null && !p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            members.values().forEach(m -> {
                if (m.process != null) {
                    m.process.destroyForcibly();
                }
            });
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down
            }
            ServerProcess.deleteRecursively(root);
        }
    }

    // ------------------------------------------------------------------------------------------------ members

    /** All member ids, voters first. */
    public List<Integer> ids() {
        return new ArrayList<>(members.keySet());
    }

    public List<Integer> voterIds() {
        return members.values().stream().filter(m -> !m.config.observer).map(m -> m.config.id)
                .collect(Collectors.toList());
    }

    public List<Integer> observerIds() {
        return members.values().stream().filter(m -> m.config.observer).map(m -> m.config.id)
                .collect(Collectors.toList());
    }

    /** Ids of the running members. */
    public List<Integer> liveIds() {
        return members.values().stream().filter(Member::alive).map(m -> m.config.id).collect(Collectors.toList());
    }

    public boolean isAlive(int id) {
        return member(id).alive();
    }

    public long pid(int id) {
        Process p = member(id).process;
        if (p == null) {
            throw new IllegalStateException("server " + id + " was never started");
        }
        return p.pid();
    }

    public int clientPort(int id) {
        return member(id).config.clientPort;
    }

    /**
     * The admin endpoint's port of member {@code id}; the ensemble must be built with
     * {@link EnsembleBuilder#adminServer()}.
     */
    public int adminPort(int id) {
        int port = member(id).config.adminPort;
        if (port < 0) {
            throw new IllegalStateException("the admin endpoint of " + name + " is off: build it with adminServer()");
        }
        return port;
    }

    /** The quorum (leader/learner) port member {@code id} listens on. */
    public int quorumPort(int id) {
        return member(id).config.quorumPort;
    }

    /** The leader-election port member {@code id} listens on. */
    public int electionPort(int id) {
        return member(id).config.electionPort;
    }

    /**
     * Rewrites the {@code server.<member>} line of member {@code inConfigOf}'s zoo.cfg so that it reaches
     * {@code member}'s quorum and election ports at {@code 127.0.0.1:<quorumPort>} and
     * {@code 127.0.0.1:<electionPort>} (e.g. {@link io.corral.it.support.TcpProxy} ports forwarding to the real
     * ones); the client address, the role and every other member's view stay as they are. Per-server views of the
     * ensemble: only {@code inConfigOf} sees the new address. Takes effect when {@code inConfigOf} next starts, so
     * it must not be running; a member's own line is where it listens and cannot be overridden.
     */
    public void overrideAddress(int inConfigOf, int member, int quorumPort, int electionPort) throws IOException {
        Member viewer = member(inConfigOf);
        Member target = member(member);
        if (inConfigOf == member) {
            throw new IllegalArgumentException("server " + member + "'s own line is its listen address");
        }
        if (viewer.alive()) {
            throw new IllegalStateException("overrideAddress: server " + inConfigOf + " is running; stop it first");
        }
        viewer.config.overrideServerLine(target.config, quorumPort, electionPort);
    }

    /** The running members' client addresses, comma separated (the connect string for all of them). */
    public String connectString() {
        String s = members.values().stream().filter(Member::alive).map(m -> HOST + ":" + m.config.clientPort)
                .collect(Collectors.joining(","));
        if (s.isEmpty()) {
            throw new IllegalStateException("no member of " + name + " is running");
        }
        return s;
    }

    /** Every member's client address, running or not. */
    public String connectStringAll() {
        return members.values().stream().map(m -> HOST + ":" + m.config.clientPort).collect(Collectors.joining(","));
    }

    /** The client address of member {@code id} alone. */
    public String connectString(int id) {
        return HOST + ":" + member(id).config.clientPort;
    }

    public Path dataDir(int id) {
        return member(id).config.dataDir;
    }

    public Path logFile(int id) {
        return member(id).log.file();
    }

    /** Everything member {@code id}'s log file holds: each start's header and output, and the fixture's notes. */
    public String logText(int id) {
        return member(id).log.text();
    }

    /**
     * What member {@code id} logged since its latest start: the log file from the last {@code # [test ...] start <n>}
     * header on (so a line printed before a restart does not count for the run after it).
     */
    public String logTextSinceLastStart(int id) {
        return member(id).log.textSinceLastStart();
    }

    /** The zoo.cfg text of member {@code id}. */
    public String config(int id) {
        return member(id).config.text();
    }

    // ------------------------------------------------------------------------------------------------ roles

    /** The {@code srvr} answer of member {@code id}, or null when it is not running or does not answer. */
    public String srvr(int id) {
        return fourLetterOrNull(id, "srvr");
    }

    /**
     * {@code leader}, {@code follower} or {@code observer} (whatever {@code srvr} prints after {@code Mode: }), or
     * null when member {@code id} is down, does not answer, or says it is not serving requests.
     */
    public String mode(int id) {
        return parseMode(srvr(id));
    }

    static String parseMode(String srvr) {
        if (srvr == null || srvr.contains(NOT_SERVING)) {
            return null;
        }
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Mode: ")) {
                return line.substring("Mode: ".length()).trim();
            }
        }
        return null;
    }

    /** Member id to {@link #mode(int)} for every member (null values for down or not serving). */
    public Map<Integer, String> modes() {
        Map<Integer, String> modes = new LinkedHashMap<>();
        for (int id : members.keySet()) {
            modes.put(id, mode(id));
        }
        return modes;
    }

    /** The ids whose mode is {@code mode} right now. */
    public List<Integer> idsInMode(String mode) {
        return modes().entrySet().stream().filter(e -> mode.equals(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    /**
     * Waits (bounded) until exactly one member says {@code leader} and a majority of the voters (leader included)
     * serve as leader or follower, and returns the leader's id. Observers do not count towards the majority.
     */
    public int awaitLeader(Duration atMost) {
        AtomicReference<Map<Integer, String>> last = new AtomicReference<>();
        try {
            await(name + " elects a leader").atMost(atMost).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        Map<Integer, String> modes = modes();
                        last.set(modes);
                        return leaderOfQuorum(modes) > 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no leader with a serving quorum within " + atMost + "; last modes "
                    + last.get() + "\n" + describe(), e);
        }
        return leaderOfQuorum(last.get());
    }

    private int leaderOfQuorum(Map<Integer, String> modes) {
        List<Integer> leaders = new ArrayList<>();
        int voting = 0;
        for (Map.Entry<Integer, String> e : modes.entrySet()) {
            boolean voter = !member(e.getKey()).config.observer;
            if (LEADER.equals(e.getValue())) {
                leaders.add(e.getKey()); // an observer saying leader counts too: it makes no valid ensemble
                voting += voter ? 1 : 0;
            } else if (FOLLOWER.equals(e.getValue()) && voter) {
                voting++;
            }
        }
        return leaders.size() == 1 && voting > voterIds().size() / 2 ? leaders.get(0) : -1;
    }

    /** Waits (bounded) until member {@code id} serves in some role and returns that role. */
    public String awaitServing(int id, Duration atMost) {
        return awaitMode(id, null, atMost);
    }

    /** Waits (bounded) until member {@code id} says {@code mode} (any serving role when null) and returns it. */
    public String awaitMode(int id, String mode, Duration atMost) {
        Member m = member(id);
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await("server " + id + " of " + name + " serves as " + (mode == null ? "anything" : mode)).atMost(atMost)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!m.alive()) {
                            throw new IllegalStateException("server " + id + " is not running\n" + describe());
                        }
                        String now = mode(id);
                        last.set(now);
                        return now != null && (mode == null || mode.equals(now));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server " + id + " still in mode " + last.get() + " after " + atMost + "\n"
                    + describe(), e);
        }
        return last.get();
    }

    /** Waits (bounded) until every running member serves and one leader has a quorum; returns the leader's id. */
    public int awaitAllServing(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        int leader = awaitLeader(atMost);
        for (int id : liveIds()) {
            awaitServing(id, Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos())));
        }
        return leader;
    }

    /** One line per member: id, role in zoo.cfg, pid, mode, log file. For failure messages. */
    public String describe() {
        StringBuilder s = new StringBuilder(name).append(" (").append(target).append("):");
        for (Member m : members.values()) {
            Process p = m.process;
            s.append("\n  server ").append(m.config.id).append(m.config.observer ? " (observer)" : "").append(": ");
            if (p == null) {
                s.append("never started");
            } else if (!p.isAlive()) {
                s.append("pid ").append(p.pid()).append(" exited ").append(p.exitValue());
            } else {
                String srvr = srvr(m.config.id);
                s.append("pid ").append(p.pid()).append(", mode ")
                        .append(srvr == null ? "no answer" : srvr.contains(NOT_SERVING) ? "not serving" : parseMode(srvr));
            }
            s.append(", client port ").append(m.config.clientPort).append(", log ").append(m.log.file());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return name + members.keySet();
    }

    // ------------------------------------------------------------------------------------------------ four-letter words

    /** Sends a four-letter word to member {@code id} on a fresh connection and returns the whole answer. */
    public String fourLetter(int id, String cmd) throws IOException {
        return fourLetter(member(id), cmd, 5_000);
    }

    private String fourLetterOrNull(int id, String cmd) {
        Member m = member(id);
        if (!m.alive()) {
            return null;
        }
        try {
            // Short timeouts: a server busy joining can leave the connection open without answering.
            return fourLetter(m, cmd, 2_000);
        } catch (IOException e) {
            return null;
        }
    }

    private static String fourLetter(Member m, String cmd, int readTimeoutMs) throws IOException {
        return FourLetterWord.ask(HOST, m.config.clientPort, cmd, 2_000, readTimeoutMs);
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Member member(int id) {
        Member m = members.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no server " + id + " in " + name + " " + members.keySet());
        }
        return m;
    }

    private void spawn(Member m) throws IOException {
        // Only what ServerCommand reads for the command line; zoo.cfg is the member's own file.
        Map<String, String> commandConfig = new LinkedHashMap<>(m.config.keys());
        commandConfig.putIfAbsent("extendedTypesEnabled", "false");
        List<String> command = ServerCommand.buildEnsembleMember(target, commandConfig, m.config.dir,
                m.config.cfgFile, jvmArgs);
        m.log.beginStart(command, m.config.text());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(m.config.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(m.log.file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        m.process = pb.start();
    }

    private void awaitListening(Member m) {
        Process p = m.process;
        try {
            await("server " + m.config.id + " of " + name + " answers ruok").atMost(LISTEN_TIMEOUT)
                    .pollDelay(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("server " + m.config.id + " exited with " + p.exitValue()
                                    + " before answering ruok; log " + m.log.file() + ":\n" + m.log.text());
                        }
                        return "imok".equals(fourLetterOrNull(m.config.id, "ruok"));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server " + m.config.id + " does not answer ruok\n" + describe(), e);
        }
    }
}
