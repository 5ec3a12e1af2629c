package io.corral.client.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Option parsing with the rules zkCli's command-line library follows, so that the same command lines work: options
 * may come anywhere ({@code set /a x -v 2}), flags may be combined ({@code -sw}), a value may be attached
 * ({@code -v2}) or follow ({@code -v 2}, also {@code -v -1}), {@code --} ends the options, and a word that looks
 * like an unknown option is an error rather than an argument.
 */
public final class ArgParser {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ArgParser() {
    }

    public static ParsedArgs parse(List<String> words, OptionSpec spec) throws CliException {
        List<String> args = new ArrayList<>();
        Map<Character, String> options = new HashMap<>();
        Character awaitingValue = null;
        boolean onlyArgs = false;
        for (String word : words) {
            if (awaitingValue != null) {
                if (looksLikeOption(word, spec) && !NUMBER.matcher(word).matches()) {
                    throw missing(awaitingValue);
                }
                options.put(awaitingValue, word);
                awaitingValue = null;
            } else if (onlyArgs || args.isEmpty()) {
                // The first word is the command itself.
                args.add(word);
            } else if (word.equals("--")) {
                onlyArgs = true;
            } else if (word.startsWith("-") && word.length() > 1) {
                awaitingValue = parseOptionWord(word, spec, options);
            } else {
                args.add(word);
            }
        }
        if (awaitingValue != null) {
            throw missing(awaitingValue);
        }
        return new ParsedArgs(args, options);
    }

    private static boolean looksLikeOption(String word, OptionSpec spec) {
        return word.startsWith("-") && word.length() > 1 && spec.has(word.charAt(1));
    }

    /** Handles "-s", "-sw", "-v3"; returns the option still waiting for its value, or null. */
    private static Character parseOptionWord(String word, OptionSpec spec, Map<Character, String> options)
            throws CliException {
        for (int i = 1; i < word.length(); i++) {
            char name = word.charAt(i);
            if (!spec.has(name)) {
                throw new CliException("Unrecognized option: " + word);
            }
            if (spec.takesValue(name)) {
                if (i + 1 < word.length()) {
                    options.put(name, word.substring(i + 1));
                    return null;
                }
                return name;
            }
            options.put(name, "");
        }
        return null;
    }

    private static CliException missing(char option) {
        return new CliException("Missing argument for option: " + option);
    }
}
