package io.corral.client.shell;

import io.corral.client.shell.command.AddAuthCommand;
import io.corral.client.shell.command.AddWatchCommand;
import io.corral.client.shell.command.CloseCommand;
import io.corral.client.shell.command.ConfigCommand;
import io.corral.client.shell.command.CreateCommand;
import io.corral.client.shell.command.DeleteAllCommand;
import io.corral.client.shell.command.DeleteCommand;
import io.corral.client.shell.command.GetAclCommand;
import io.corral.client.shell.command.GetAllChildrenNumberCommand;
import io.corral.client.shell.command.GetCommand;
import io.corral.client.shell.command.GetEphemeralsCommand;
import io.corral.client.shell.command.LsCommand;
import io.corral.client.shell.command.RemoveWatchesCommand;
import io.corral.client.shell.command.SetAclCommand;
import io.corral.client.shell.command.SetCommand;
import io.corral.client.shell.command.StatCommand;
import io.corral.client.shell.command.SyncCommand;
import io.corral.client.shell.command.WhoAmICommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every command the shell knows, for dispatch, the usage text and tab completion. */
public final class CommandRegistry {
    /** The commands the shell handles itself, with their syntax. */
    static final Map<String, String> SHELL_COMMANDS = Map.of(
            "connect", "host:port",
            "history", "",
            "redo", "cmdno",
            "printwatches", "on|off",
            "quit", "");

    private final Map<String, ShellCommand> commands = new LinkedHashMap<>();

    public CommandRegistry() {
        for (ShellCommand c : List.of(new LsCommand(), new GetCommand(), new SetCommand(), new CreateCommand(),
                new DeleteCommand(), new DeleteAllCommand(), new StatCommand(), new GetAclCommand(),
                new SetAclCommand(), new SyncCommand(), new AddAuthCommand(), new ConfigCommand(),
                new WhoAmICommand(), new GetEphemeralsCommand(), new GetAllChildrenNumberCommand(),
                new AddWatchCommand(), new RemoveWatchesCommand(), new CloseCommand())) {
            commands.put(c.name(), c);
        }
    }

    public ShellCommand get(String name) {
        return commands.get(name);
    }

    /** Every command name, sorted, including the shell's own and the aliases (exit, help). */
    public List<String> names() {
        TreeMap<String, String> all = syntaxByName();
        all.put("exit", "");
        all.put("help", "");
        return new ArrayList<>(all.keySet());
    }

    /** The usage text: a header, then one tab-indented line per command, sorted by name. */
    public void printUsage(PrintStream to) {
        to.println("ZkCli -server host:port -timeout ms [-r] [-waitforconnection] cmd args");
        for (Map.Entry<String, String> e : syntaxByName().entrySet()) {
            to.println("\t" + e.getKey() + " " + e.getValue());
        }
    }

    private TreeMap<String, String> syntaxByName() {
        TreeMap<String, String> all = new TreeMap<>(SHELL_COMMANDS);
        for (ShellCommand c : commands.values()) {
            all.put(c.name(), c.syntax());
        }
        return all;
    }
}
