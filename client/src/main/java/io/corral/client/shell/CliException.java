package io.corral.client.shell;

/** A command failed; the shell prints the message on stderr and exits with the code in one-shot mode. */
public class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_EXIT_CODE = 1;
    /** As a shell does for an unknown command. */
    public static final int COMMAND_NOT_FOUND_EXIT_CODE = 127;

    private final int exitCode;

    public CliException(String message) {
        this(message, DEFAULT_EXIT_CODE);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
