package io.corral.server.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the ensemble part of zoo.cfg, in ZooKeeper's syntax:
 * {@code server.N=host:quorumPort:electionPort[:participant|:observer][;[clientAddress:]clientPort]}, {@code myid}
 * in dataDir, {@code initLimit}, {@code syncLimit}, {@code peerType}, {@code electionAlg} /
 * {@code election.strategy}. Returns null for a standalone configuration.
 */
final class QuorumConfigParser {
    private final Map<String, String> values;
    private final String source;

    QuorumConfigParser(Map<String, String> values, String source) {
        this.values = values;
        this.source = source;
    }

    QuorumConfig parse(Path dataDir) throws ConfigException {
        Map<Long, QuorumConfig.Member> members = new HashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith("server.")) {
                QuorumConfig.Member m = member(e.getKey(), e.getValue());
                members.put(m.id(), m);
            }
        }
        if (members.isEmpty()) {
            return null;
        }
        boolean standaloneEnabled = !"false".equalsIgnoreCase(values.getOrDefault("standaloneEnabled", "true"));
        if (members.size() == 1 && standaloneEnabled) {
            return null;
        }
        long myId = readMyId(dataDir);
        QuorumConfig.Member self = members.get(myId);
        if (self == null) {
            throw new ConfigException("myid " + myId + " in " + dataDir.resolve("myid") + " names no server." + myId
                    + " line in " + source + "; the ensemble is " + members.keySet());
        }
        String peerType = values.get("peerType");
        if (peerType != null && !peerType.equalsIgnoreCase(self.observer() ? "observer" : "participant")) {
            throw new ConfigException("Invalid value '" + peerType + "' for peerType in " + source + ": server." + myId
                    + " is declared " + (self.observer() ? "an observer" : "a participant"));
        }
        long voters = members.values().stream().filter(m -> !m.observer()).count();
        if (voters == 0) {
            throw new ConfigException("The ensemble in " + source + " has no participant: every server.N is an observer");
        }
        return new QuorumConfig(myId, members, ticks("initLimit"), ticks("syncLimit"), strategy(), electionSettings());
    }

    private QuorumConfig.Member member(String key, String value) throws ConfigException {
        long id;
        try {
            id = Long.parseLong(key.substring("server.".length()));
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid key '" + key + "' in " + source + ": expected server.<numeric id>");
        }
        if (id < 0 || id > 254) {
            throw new ConfigException("Invalid key '" + key + "' in " + source + ": server ids run from 0 to 254");
        }
        String[] halves = value.split(";", 2);
        String[] parts = splitHostPorts(halves[0].trim(), key, value);
        boolean observer = false;
        if (parts.length == 4) {
            switch (parts[3].toLowerCase(Locale.ROOT)) {
                case "observer" -> observer = true;
                case "participant" -> observer = false;
                default -> throw invalid(key, value, "the role after the ports to be participant or observer");
            }
        } else if (parts.length != 3) {
            throw invalid(key, value, "host:quorumPort:electionPort[:participant|:observer][;[clientAddress:]clientPort]");
        }
        InetSocketAddress quorum = address(parts[0], parts[1], key, value);
        InetSocketAddress election = address(parts[0], parts[2], key, value);
        InetSocketAddress client = halves.length == 2 ? clientAddress(halves[1].trim(), key, value) : null;
        return new QuorumConfig.Member(id, quorum, election, observer, client);
    }

    /** Splits host:port:port[:role], keeping a bracketed IPv6 host whole. */
    private String[] splitHostPorts(String text, String key, String value) throws ConfigException {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(key, value, "a closing ] after an IPv6 address");
            }
            String host = text.substring(1, close);
            String[] rest = text.substring(close + 1).replaceFirst("^:", "").split(":");
            String[] out = new String[rest.length + 1];
            out[0] = host;
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        }
        return text.split(":");
    }

    private InetSocketAddress clientAddress(String text, String key, String value) throws ConfigException {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "0.0.0.0" : text.substring(0, colon).replace("[", "").replace("]", "");
        return address(host, colon < 0 ? text : text.substring(colon + 1), key, value);
    }

    private InetSocketAddress address(String host, String port, String key, String value) throws ConfigException {
        try {
            int p = Integer.parseInt(port.trim());
            if (p <= 0 || p > 65535) {
                throw invalid(key, value, "ports from 1 to 65535");
            }
            return InetSocketAddress.createUnresolved(host.trim(), p);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "numeric ports, got '" + port + "'");
        }
    }

    private long readMyId(Path dataDir) throws ConfigException {
        Path file = dataDir.resolve("myid");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + " (" + e.getMessage() + "): an ensemble member needs its id"
                    + " there, a number matching one of the server.N lines in " + source);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid value '" + text + "' in " + file + ": expected this server's numeric id");
        }
    }

    private int ticks(String key) throws ConfigException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new ConfigException("Missing key '" + key + "' in " + source + ": an ensemble needs it (a number of ticks,"
                    + " e.g. initLimit=10, syncLimit=5)");
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t <= 0) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid value '" + v + "' for " + key + " in " + source + ": expected a positive number of ticks");
        }
    }

    private String strategy() throws ConfigException {
        String alg = values.get("electionAlg");
        if (alg != null && !alg.trim().equals("3")) {
            throw new ConfigException("Invalid value '" + alg + "' for electionAlg in " + source
                    + ": only 3 (fast leader election) exists; choose other strategies with election.strategy");
        }
        return values.getOrDefault("election.strategy", "fast").trim();
    }

    private Map<String, String> electionSettings() {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("election.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid value '" + value + "' for " + key + " in " + source + ": expected " + expected);
    }
}
