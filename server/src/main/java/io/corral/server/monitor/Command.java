package io.corral.server.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One monitoring command: it returns its answer as structured data (the admin endpoint's JSON object, keys in
 * ZooKeeper's snake_case), and, when it has a four-letter word, renders that same data as ZooKeeper's text. The
 * text is derived from the data so that the two never disagree.
 */
public abstract class Command {
    private final String name;
    private final String fourLetterWord;
    private final List<String> aliases;

    /**
     * @param name           the primary name ({@code server_stats})
     * @param fourLetterWord its four-letter word, or null when it has none
     * @param otherAliases   further names, in ZooKeeper's order ({@code config} for configuration)
     */
    protected Command(String name, String fourLetterWord, String... otherAliases) {
        this.name = name;
        this.fourLetterWord = fourLetterWord;
        List<String> all = new ArrayList<>();
        if (fourLetterWord != null && !fourLetterWord.equals(name)) {
            all.add(fourLetterWord);
        }
        Collections.addAll(all, otherAliases);
        this.aliases = List.copyOf(all);
    }

    public final String name() {
        return name;
    }

    /** The four-letter word, or null. */
    public final String fourLetterWord() {
        return fourLetterWord;
    }

    /** Every name but the primary one. */
    public final List<String> aliases() {
        return aliases;
    }

    /** Whether the caller must authenticate (ZooKeeper 3.9 asks for it on snapshot and restore). */
    public boolean needsAuth() {
        return false;
    }

    /** Whether the command reports "not serving" while the server is not running (ZooKeeper's serverRequired). */
    public boolean needsServing() {
        return true;
    }

    public String httpMethod() {
        return "GET";
    }

    /**
     * Runs the command. A "soft" error that ZooKeeper reports next to a normal answer (set_trace_mask without
     * its argument) goes in the returned map under {@code error}.
     */
    public abstract Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure;

    /** The four-letter word's text for what {@link #run} returned. */
    public String text(Map<String, Object> data, MonitorContext ctx) {
        throw new UnsupportedOperationException(name + " has no four-letter word");
    }
}
