package io.corral.client.shell;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive loop on a terminal, with JLine: line editing, in-memory history (up/down, Ctrl-R), completion of
 * commands and znode paths, and watch events printed above the prompt instead of through what is being typed.
 */
final class TerminalSession {
    private TerminalSession() {
    }

    /** Runs until quit or end of input (Ctrl-D). Ctrl-C abandons the line being typed. */
    static void run(Shell shell) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("corral")
                    .completer(new ZNodeCompleter(shell::client, shell.registry().names()))
                    // '!' is common in data and ACLs; history expansion would rewrite it.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            shell.setEventSink(reader::printAbove);
            shell.out().println("JLine support is enabled");
            while (!shell.quitRequested()) {
                String line;
                try {
                    line = reader.readLine(shell.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                shell.executeLine(line);
            }
        } finally {
            shell.setEventSink(shell.out()::println);
        }
    }
}
