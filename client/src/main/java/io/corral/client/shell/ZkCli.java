package io.corral.client.shell;

import io.corral.client.ClientConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The shell's entry point, a drop-in for zkCli:
 * <ul>
 *   <li>{@code ZkCli -server host:port cmd args...} runs one command and exits 0 on success, 1 on failure (127 for an
 *       unknown command), printing errors as zkCli does ({@code Node does not exist: /x}). Only the command's own
 *       output is printed, so scripts can use it as is.</li>
 *   <li>{@code ZkCli -server host:port} on a terminal is interactive, with line editing and completion.</li>
 *   <li>With stdin not a terminal, commands are read from it one per line, without prompts; the exit code is that of
 *       the last command.</li>
 * </ul>
 */
public final class ZkCli {
    /** Exit code for a command line that cannot be understood. */
    static final int USAGE_EXIT_CODE = 2;

    private ZkCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.console() != null));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            new CommandRegistry().printUsage(err);
            return USAGE_EXIT_CODE;
        }
        ClientConfig config = ClientConfig.defaults()
                .withSessionTimeoutMs(options.timeoutMs())
                .withReadOnly(options.readOnly());
        return run(options, config, in, out, err, terminal);
    }

    /** With the client configuration given, for tests that need shorter delays than a person would. */
    public static int run(LaunchOptions options, ClientConfig config, InputStream in, PrintStream out,
                          PrintStream err, boolean terminal) {
        try (Shell shell = new Shell(config, out, err)) {
            if (options.oneShot()) {
                shell.setPrintWatches(false);
                return oneShot(shell, options);
            }
            out.println("Connecting to " + options.server());
            shell.connect(options.server());
            if (options.waitForConnection() && !waitForConnection(shell, options, err)) {
                return 1;
            }
            if (terminal) {
                out.println("Welcome to Corral!");
                try {
                    TerminalSession.run(shell);
                } catch (IOException | RuntimeException e) {
                    // No usable terminal after all: go on without line editing, as zkCli does without JLine.
                    out.println("JLine support is disabled (" + e.getMessage() + ")");
                    readLines(shell, in);
                }
            } else {
                readLines(shell, in);
            }
            return shell.exitCode();
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("cannot read commands: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int oneShot(Shell shell, LaunchOptions options) throws CliException, InterruptedException {
        shell.connect(options.server());
        if (options.waitForConnection() && !waitForConnection(shell, options, shell.err())) {
            return 1;
        }
        shell.execute(options.command());
        return shell.exitCode();
    }

    private static boolean waitForConnection(Shell shell, LaunchOptions options, PrintStream err)
            throws InterruptedException {
        if (shell.awaitConnected(Duration.ofMillis(options.timeoutMs()))) {
            return true;
        }
        err.println("Unable to connect to " + options.server() + " within " + options.timeoutMs() + " ms");
        return false;
    }

    private static void readLines(Shell shell, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (!shell.quitRequested() && (line = reader.readLine()) != null) {
            shell.executeLine(line);
        }
    }
}
