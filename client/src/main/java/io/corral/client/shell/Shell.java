package io.corral.client.shell;

import io.corral.client.ClientConfig;
import io.corral.client.WatchedEvent;
import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command processor behind every mode of {@link ZkCli}: it holds the session, the numbered history, the exit code
 * of the last command, and prints watch events as zkCli does ({@code WATCHER::} and the event). Lines come from a
 * terminal, a pipe or the command line; this class does not care which.
 */
public final class Shell implements CommandContext, AutoCloseable {
    private static final int HISTORY_SHOWN = 10;

    private final ClientConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final CommandRegistry registry = new CommandRegistry();
    private final Map<Integer, String> history = new HashMap<>();

    private volatile ZkClient zk;
    private volatile String host = "";
    private volatile boolean printWatches = true;
    private volatile Consumer<String> eventSink;
    private int commandCount;
    private int exitCode;
    private boolean quit;

    public Shell(ClientConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
        this.eventSink = out::println;
    }

    @Override
    public ZkClient client() {
        return zk;
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** Where watch events are printed; a line editor prints them above the prompt instead of into it. */
    public void setEventSink(Consumer<String> sink) {
        this.eventSink = sink;
    }

    public void setPrintWatches(boolean on) {
        printWatches = on;
    }

    /** The exit code of the last command: 0, 1 for a failure, 127 for an unknown command. */
    public int exitCode() {
        return exitCode;
    }

    public boolean quitRequested() {
        return quit;
    }

    /** zkCli's prompt: {@code [zk: host(STATE) n] }. */
    public String prompt() {
        ZkClient client = zk;
        String state = client == null ? "CLOSED" : client.state().name();
        return "[zk: " + host + "(" + state + ") " + commandCount + "] ";
    }

    /** Opens a session to {@code connectString}, closing the current one. */
    public void connect(String connectString) throws CliException {
        ZkClient old = zk;
        if (old != null && old.state().isAlive()) {
            old.close();
        }
        host = connectString;
        try {
            zk = new ZkClient(connectString, config, this::onEvent);
        } catch (IllegalArgumentException e) {
            zk = null;
            throw new CliException(e.getMessage());
        }
    }

    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        ZkClient client = zk;
        return client != null && client.awaitConnected(timeout);
    }

    private void onEvent(WatchedEvent event) {
        if (printWatches) {
            eventSink.accept("\nWATCHER::\n\n" + event);
        }
    }

    /** Runs one line typed by the user; blank lines are ignored and not numbered. */
    public void executeLine(String line) {
        List<String> words = LineTokenizer.split(line);
        if (words.isEmpty()) {
            return;
        }
        history.put(commandCount, line);
        execute(words);
        commandCount++;
    }

    /** Runs one command given as words (the one-shot mode), printing its output or error. */
    public void execute(List<String> words) {
        boolean isQuit = words.get(0).equals("quit") || words.get(0).equals("exit");
        try {
            dispatch(words);
            if (!isQuit) {
                // quit keeps the code of the command before it, which is what the shell exits with.
                exitCode = 0;
            }
        } catch (CliException e) {
            exitCode = e.exitCode();
            err.println(e.getMessage());
        }
    }

    private void dispatch(List<String> words) throws CliException {
        String name = words.get(0);
        switch (name) {
            case "quit", "exit" -> {
                closeClient();
                quit = true;
            }
            case "redo" -> redo(words);
            case "history" -> {
                for (int i = Math.max(0, commandCount - HISTORY_SHOWN); i <= commandCount; i++) {
                    out.println(i + " - " + history.get(i));
                }
            }
            case "printwatches" -> {
                if (words.size() == 1) {
                    out.println("printwatches is " + (printWatches ? "on" : "off"));
                } else {
                    printWatches = words.get(1).equals("on");
                }
            }
            case "connect" -> connect(words.size() >= 2 ? words.get(1) : host);
            case "help" -> registry.printUsage(out);
            default -> runCommand(name, words);
        }
    }

    private void runCommand(String name, List<String> words) throws CliException {
        ShellCommand command = registry.get(name);
        if (command == null) {
            registry.printUsage(err);
            throw new CliException("Command not found: " + name, CliException.COMMAND_NOT_FOUND_EXIT_CODE);
        }
        ZkClient client = zk;
        if (client == null || !client.state().isAlive()) {
            out.println("Not connected");
            return;
        }
        ParsedArgs args = ArgParser.parse(words, command.options());
        try {
            command.execute(args, this);
        } catch (ZkException e) {
            throw new CliException(ErrorMessages.of(e));
        } catch (IllegalArgumentException e) {
            // A malformed path or a bad create mode, refused before anything was sent.
            throw new CliException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the server");
        }
    }

    private void redo(List<String> words) throws CliException {
        if (words.size() < 2) {
            throw new CliException("redo cmdno");
        }
        int index;
        try {
            index = Integer.decode(words.get(1));
        } catch (NumberFormatException e) {
            throw new CliException("Command index out of range");
        }
        if (index < 0 || index >= commandCount) {
            throw new CliException("Command index out of range");
        }
        String again = history.get(index);
        List<String> againWords = LineTokenizer.split(again);
        if (againWords.get(0).equals("redo")) {
            throw new CliException("No redoing redos");
        }
        history.put(commandCount, again);
        dispatch(againWords);
    }

    private void closeClient() {
        ZkClient client = zk;
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() {
        closeClient();
    }
}
