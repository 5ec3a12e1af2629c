package io.corral.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of one load-generator call: {@code --key value} pairs over per-mode defaults.
 *
 * <p>Quick mode exists so that a whole side-by-side run finishes in a few minutes on a laptop; full mode is sized
 * for a run of about half an hour. Any default can be overridden on the command line, and unknown keys are refused
 * so that a typo cannot silently fall back to a default.
 */
public final class Settings {

    /** Key, then the quick default, then the full default; null means "required". */
    private static final String[][] DEFAULTS = {
        {"server", null, null},             // label written into the results: zookeeper or corral
        {"connect", null, null},            // host:port of the server under test
        {"workload", null, null},           // see LoadGenerator.WORKLOADS
        {"label", "", ""},                  // the name the result is recorded under ("" = the workload's)
        {"leader-pid", "0", "0"},           // failover: the ensemble leader to kill -9
        {"failover-s", "60", "60"},         // failover: bound on the wait for the first write after the kill
        {"out", "", ""},                    // results file to append the JSON line to ("" = stdout only)
        {"warmup-s", "2", "10"},            // untimed period before the measured window
        {"duration-s", "5", "30"},          // the measured window
        {"ops", "0", "0"},                  // request workloads: end the window after this many (0 = duration only)
        {"sessions", "8", "32"},            // client sessions driving load
        {"outstanding", "8", "16"},         // requests in flight per session (closed loop)
        {"data-bytes", "100", "100"},       // payload of every created or set znode
        {"keyspace", "1000", "10000"},      // znodes that get/set/exists/mixed pick from
        {"delete-min", "50000", "200000"},  // fewest znodes the delete workload starts with
        {"watchers", "50", "200"},          // watch fan-out: sessions watching the one node
        {"churn-threads", "4", "8"},        // session workload: concurrent create/close loops
        {"eph-sessions", "20", "100"},      // ephemeral cleanup: sessions closed at once
        {"eph-per-session", "50", "100"},   // ephemeral cleanup: ephemerals owned by each session
        {"eph-rounds", "3", "5"},           // ephemeral cleanup: measured rounds (after one warm-up round)
        {"znodes", "100000", "1000000"},    // memory: znodes of data-bytes each
        {"server-pid", "0", "0"},           // memory: the server JVM to inspect with jcmd
        {"drain-s", "30", "60"},            // how long to wait for requests still in flight at the end
        {"setup-s", "120", "600"},          // bound on untimed setup (populating znodes)
        {"seed", "42", "42"},               // random key choice, so both servers see the same sequence
    };

    private final boolean quick;
    private final Map<String, String> values;

    private Settings(boolean quick, Map<String, String> values) {
        this.quick = quick;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses {@code [--quick|--full] --key value ...}; throws IllegalArgumentException with a usable message. */
    public static Settings parse(String[] args) {
        boolean quick = false;
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick") || arg.equals("--full")) {
                quick = arg.equals("--quick");
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value, got '" + arg + "'");
            }
            given.put(arg.substring(2), args[++i]);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] row : DEFAULTS) {
            String value = given.containsKey(row[0]) ? given.remove(row[0]) : (quick ? row[1] : row[2]);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + row[0]);
            }
            values.put(row[0], value);
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + given.keySet());
        }
        return new Settings(quick, values);
    }

    public boolean quick() {
        return quick;
    }

    public String mode() {
        return quick ? "quick" : "full";
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no option " + key);
        }
        return value;
    }

    public int integer(String key) {
        return Math.toIntExact(number(key));
    }

    public long number(String key) {
        try {
            return Long.parseLong(text(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + text(key) + "'");
        }
    }

    public Duration seconds(String key) {
        return Duration.ofSeconds(number(key));
    }

    /** Usage text listing every option with its quick and full defaults. */
    public static String usage() {
        StringBuilder text = new StringBuilder("options ([--quick|--full] --key value):\n");
        for (String[] row : DEFAULTS) {
            text.append(String.format("  --%-16s quick %-8s full %s%n", row[0],
                    row[1] == null ? "(required)" : row[1], row[2] == null ? "(required)" : row[2]));
        }
        return text.toString();
    }
}
