package io.corral.client.shell;

import io.corral.client.ZkException;

/**
 * One zkCli command that talks to the server. The shell parses the options against {@link #options()}, runs
 * {@link #execute}, and turns a {@link ZkException} into zkCli's message ({@link ErrorMessages}) and an
 * IllegalArgumentException (a malformed path) into its message.
 */
public abstract class ShellCommand {
    private final String name;
    private final String syntax;
    private final OptionSpec options;
    private final boolean optionsInUsage;

    /**
     * @param syntax         what follows the name in the usage line, e.g. {@code [-s] [-w] path}
     * @param optionsInUsage zkCli lists the option descriptions under the usage line for a few commands only
     */
    protected ShellCommand(String name, String syntax, OptionSpec options, boolean optionsInUsage) {
        this.name = name;
        this.syntax = syntax;
        this.options = options;
        this.optionsInUsage = optionsInUsage;
    }

    protected ShellCommand(String name, String syntax, OptionSpec options) {
        this(name, syntax, options, false);
    }

    public final String name() {
        return name;
    }

    public final String syntax() {
        return syntax;
    }

    public final OptionSpec options() {
        return options;
    }

    /** The message of a usage error. */
    public final String usage() {
        String line = name + " " + syntax;
        if (optionsInUsage && !options.isEmpty()) {
            return line + System.lineSeparator() + options.describe();
        }
        return line;
    }

    protected final CliException usageError() {
        return new CliException(usage());
    }

    public abstract void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException;
}
