package io.corral.client.shell;

import java.util.List;
import java.util.Map;

/**
 * A command line after option parsing: the words that are not options (the command name first) and the options
 * given, with their values.
 */
public record ParsedArgs(List<String> args, Map<Character, String> options) {
    public ParsedArgs {
        args = List.copyOf(args);
        options = Map.copyOf(options);
    }

    public boolean has(char option) {
        return options.containsKey(option);
    }

    public String value(char option) {
        return options.get(option);
    }

    public String arg(int index) {
        return args.get(index);
    }

    public int count() {
        return args.size();
    }

    /** The value of an integer option, or {@code fallback} when it is absent. */
    public int intValue(char option, int fallback) throws CliException {
        String value = options.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CliException("-" + option + " argument must be an int value");
        }
    }
}
