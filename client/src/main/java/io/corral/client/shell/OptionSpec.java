package io.corral.client.shell;

import java.util.Map;
import java.util.TreeMap;

/**
 * The single-letter options a command accepts: whether each takes a value, and its description for the usage text.
 */
public final class OptionSpec {
    record Option(char name, boolean takesValue, String description) {
    }

    public static final OptionSpec NONE = new OptionSpec();

    private final Map<Character, Option> options = new TreeMap<>((a, b) -> {
        int byLetter = Character.compare(Character.toLowerCase(a), Character.toLowerCase(b));
        return byLetter != 0 ? byLetter : Character.compare(a, b);
    });

    public OptionSpec flag(char name, String description) {
        options.put(name, new Option(name, false, description));
        return this;
    }

    public OptionSpec withValue(char name, String description) {
        options.put(name, new Option(name, true, description));
        return this;
    }

    boolean has(char name) {
        return options.containsKey(name);
    }

    boolean takesValue(char name) {
        Option option = options.get(name);
        return option != null && option.takesValue();
    }

    boolean isEmpty() {
        return options.isEmpty();
    }

    /** The option list zkCli appends to some usage messages: one line per option, sorted, descriptions aligned. */
    String describe() {
        StringBuilder text = new StringBuilder();
        int width = 0;
        for (Option o : options.values()) {
            width = Math.max(width, label(o).length());
        }
        for (Option o : options.values()) {
            if (text.length() > 0) {
                text.append(System.lineSeparator());
            }
            String label = label(o);
            text.append(label).append(" ".repeat(width - label.length() + 3)).append(o.description());
        }
        return text.toString();
    }

    private static String label(Option o) {
        return " -" + o.name() + (o.takesValue() ? " <arg>" : "");
    }
}
