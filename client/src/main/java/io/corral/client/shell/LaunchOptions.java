package io.corral.client.shell;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The shell's command line, read like zkCli's: options first ({@code -server}, {@code -timeout}, {@code -r},
 * {@code -waitforconnection}), then an optional command with its arguments, which makes a one-shot run.
 * Unknown options are ignored, as zkCli does.
 *
 * @param command the one-shot command and its arguments, empty for an interactive session
 */
public record LaunchOptions(String server, int timeoutMs, boolean readOnly, boolean waitForConnection,
                            List<String> command) {
    public static final String DEFAULT_SERVER = "localhost:2181";
    public static final int DEFAULT_TIMEOUT_MS = 30_000;

    public LaunchOptions {
        command = List.copyOf(command);
    }

    public boolean oneShot() {
        return !command.isEmpty();
    }

    /** @throws IllegalArgumentException with a message for the user when an option lacks its value or is malformed */
    public static LaunchOptions parse(String[] args) {
        String server = DEFAULT_SERVER;
        int timeoutMs = DEFAULT_TIMEOUT_MS;
        boolean readOnly = false;
        boolean waitForConnection = false;
        List<String> command = new ArrayList<>();
        Iterator<String> it = List.of(args).iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "-server" -> server = value(it, arg);
                case "-timeout" -> timeoutMs = timeout(value(it, arg));
                case "-r" -> readOnly = true;
                case "-waitforconnection" -> waitForConnection = true;
                case "-client-configuration" -> value(it, arg);
                default -> {
                    if (!arg.startsWith("-")) {
                        command.add(arg);
                        it.forEachRemaining(command::add);
                    }
                }
            }
        }
        return new LaunchOptions(server, timeoutMs, readOnly, waitForConnection, command);
    }

    private static String value(Iterator<String> it, String option) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException("Error: no argument found for option " + option);
        }
        return it.next();
    }

    private static int timeout(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error: -timeout needs a positive number of milliseconds, got " + text);
        }
    }
}
