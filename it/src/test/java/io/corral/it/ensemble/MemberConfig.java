package io.corral.it.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one ensemble member is before any process runs: its ports on {@link Ensemble#HOST}, its directory with the
 * dataDir and {@code myid} file, and its zoo.cfg. Both files are written by {@link #write}; afterwards only
 * {@link #overrideServerLine} changes the zoo.cfg, and the running processes never touch either.
 */
final class MemberConfig {

    final int id;
    final boolean observer;
    final int clientPort;
    final int quorumPort;
    final int electionPort;
    /** The admin endpoint's port, or -1 when it is off (the default). */
    final int adminPort;
    /** The member's own directory: its process runs in it, and its zoo.cfg and dataDir are in it. */
    final Path dir;
    final Path dataDir;
    final Path cfgFile;

    /** The zoo.cfg keys in file order; the file is always written from them, so the two cannot drift apart. */
    private final Map<String, String> keys = new LinkedHashMap<>();
    private String text = "";

    MemberConfig(int id, boolean observer, int clientPort, int quorumPort, int electionPort, int adminPort, Path dir) {
        this.id = id;
        this.observer = observer;
        this.clientPort = clientPort;
        this.quorumPort = quorumPort;
        this.electionPort = electionPort;
        this.adminPort = adminPort;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.cfgFile = dir.resolve("zoo.cfg");
    }

    /**
     * Creates the dataDir with its {@code myid} file and writes zoo.cfg: the {@code timing} keys, this member's own
     * (dataDir, the four-letter-word whitelist, the admin endpoint, {@code peerType=observer} for an observer), the
     * {@code extra} keys (which may replace any of those) and a {@code server.<id>} line for every member of
     * {@code ensemble}, this one included. There is no {@code clientPort} key: each member takes its client address
     * from its own server line, as ZooKeeper 3.5+ allows.
     */
    void write(Map<String, String> timing, Map<String, String> extra, Collection<MemberConfig> ensemble)
            throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
        keys.clear();
        keys.putAll(timing);
        keys.put("dataDir", dataDir.toString());
        keys.put("4lw.commands.whitelist", "*");
        if (adminPort > 0) {
            keys.put("admin.enableServer", "true");
            keys.put("admin.serverAddress", Ensemble.HOST);
            keys.put("admin.serverPort", Integer.toString(adminPort));
        } else {
            // Off unless asked for, so that no two members fight over the default port 8080.
            keys.put("admin.enableServer", "false");
        }
        if (observer) {
            keys.put("peerType", "observer");
        }
        keys.putAll(extra);
        for (MemberConfig other : ensemble) {
            keys.put("server." + other.id, other.serverLine(other.quorumPort, other.electionPort));
        }
        writeCfgFile();
    }

    /**
     * Rewrites this member's {@code server.<id>} line for {@code other} so that it reaches {@code other}'s quorum and
     * election at the given ports (e.g. proxies in front of the real ones); {@code other}'s role and client address
     * stay. Takes effect when this member next starts.
     */
    void overrideServerLine(MemberConfig other, int otherQuorumPort, int otherElectionPort) throws IOException {
        keys.put("server." + other.id, other.serverLine(otherQuorumPort, otherElectionPort));
        writeCfgFile();
    }

    /** The zoo.cfg keys as written, in file order (read-only). */
    Map<String, String> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** The zoo.cfg text as written. */
    String text() {
        return text;
    }

    /**
     * The value of this member's {@code server.<id>} line in the ZooKeeper 3.5+ form
     * {@code 127.0.0.1:<quorum>:<election>[:observer];127.0.0.1:<client>}.
     */
    private String serverLine(int quorum, int election) {
        return Ensemble.HOST + ":" + quorum + ":" + election + (observer ? ":observer" : "") + ";" + Ensemble.HOST + ":"
                + clientPort;
    }

    private void writeCfgFile() throws IOException {
        StringBuilder s = new StringBuilder();
        keys.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        Files.writeString(cfgFile, s.toString(), StandardCharsets.UTF_8);
        text = s.toString();
    }
}
