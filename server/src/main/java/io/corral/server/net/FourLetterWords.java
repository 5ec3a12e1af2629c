package io.corral.server.net;

import io.corral.server.config.ServerConfig;
import io.corral.server.monitor.MonitorCommands;
import java.util.Set;

/**
 * Four-letter words on the client port: recognised only as the first four bytes of a fresh connection (read as
 * a frame length they would be an absurd size), answered in plain text, then the connection closes.
 */
public final class FourLetterWords {
    private static final Set<String> KNOWN = Set.of("conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash",
            "isro", "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

    private final ServerConfig config;
    private final MonitorCommands commands;

    public FourLetterWords(ServerConfig config, MonitorCommands commands) {
        this.config = config;
        this.commands = commands;
    }

    /** The command those four bytes spell, or null when they are an ordinary frame length. */
    static String commandOf(int firstInt) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (firstInt >>> (24 - 8 * i)) & 0xff;
            if (b < 'a' || b > 'z') {
                return null;
            }
            c[i] = (char) b;
        }
        String cmd = new String(c);
        return KNOWN.contains(cmd) ? cmd : null;
    }

    String run(String command) {
        if (!config.fourLetterWordAllowed(command)) {
            return command + " is not executed because it is not in the whitelist.\n";
        }
        String text = commands.run(command);
        return text != null ? text : command + " is not yet supported by this server.\n";
    }
}
