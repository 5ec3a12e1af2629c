package io.corral.client.shell.command;

import io.corral.client.shell.ParsedArgs;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** zkCli still accepts the 3.4-era forms {@code get path watch}, {@code ls path watch}, {@code stat path watch}. */
final class Deprecations {
    private Deprecations() {
    }

    /** With a word after the path, warns and treats it as {@code -w}. */
    static ParsedArgs watchArgument(ParsedArgs args, PrintStream err, String warning) {
        if (args.count() <= 2) {
            return args;
        }
        err.println(warning);
        Map<Character, String> options = new HashMap<>(args.options());
        options.put('w', "");
        return new ParsedArgs(List.of(args.arg(0), args.arg(1)), options);
    }
}
