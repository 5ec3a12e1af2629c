package io.corral.server.monitor;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandInfo;
import io.corral.api.management.CommandResult;
import io.corral.api.management.CommandResult.Outcome;
import io.corral.server.monitor.command.Commands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every monitoring command, by primary name and alias: the one registry behind the four-letter words on the
 * client port and the commands of the admin endpoint.
 */
public final class CommandRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistry.class);

    private final Map<String, Command> byName = new HashMap<>();
    private final Map<String, Command> byFourLetterWord = new HashMap<>();
    private final List<Command> commands;

    public CommandRegistry(List<Command> commands) {
        List<Command> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparing(Command::name));
        this.commands = List.copyOf(sorted);
        for (Command c : sorted) {
            register(c.name(), c);
            c.aliases().forEach(a -> register(a, c));
            if (c.fourLetterWord() != null) {
                byFourLetterWord.put(c.fourLetterWord(), c);
            }
        }
    }

    /** The registry with every command Corral implements. */
    public static CommandRegistry standard() {
        return new CommandRegistry(Commands.all());
    }

    private void register(String name, Command c) {
        Command previous = byName.put(name, c);
        if (previous != null) {
            throw new IllegalArgumentException("two commands named " + name + ": " + previous.name() + " and " + c.name());
        }
    }

    /** The command with this primary name or alias, or null. */
    public Command find(String nameOrAlias) {
        return nameOrAlias == null ? null : byName.get(nameOrAlias);
    }

    /** The command answering this four-letter word, or null. */
    public Command fourLetterWord(String word) {
        return byFourLetterWord.get(word);
    }

    public List<Command> commands() {
        return commands;
    }

    public List<CommandInfo> infos() {
        List<CommandInfo> out = new ArrayList<>();
        for (Command c : commands) {
            out.add(new CommandInfo(c.name(), c.aliases(), c.needsAuth(), c.httpMethod()));
        }
        return out;
    }

    /**
     * Runs a command and never throws. Failures before the command runs (unknown, not serving, auth) name the
     * command as it was given, as ZooKeeper's admin server does; answers name it by its primary name.
     */
    public CommandResult run(String nameOrAlias, Map<String, String> params, Caller caller, MonitorContext ctx) {
        Command c = find(nameOrAlias);
        if (c == null) {
            return new CommandResult(String.valueOf(nameOrAlias), Map.of(), "Unknown command: " + nameOrAlias,
                    Outcome.UNKNOWN_COMMAND);
        }
        try {
            if (c.needsServing() && !ctx.isServing()) {
                throw CommandFailure.notServing();
            }
            if (c.needsAuth()) {
                ctx.authorize(caller);
            }
        } catch (CommandFailure f) {
            return new CommandResult(nameOrAlias, Map.of(), f.getMessage(), f.outcome());
        }
        try {
            Map<String, Object> data = new LinkedHashMap<>(c.run(ctx, params == null ? Map.of() : params));
            Object softError = data.remove("error");
            return new CommandResult(c.name(), data, softError == null ? null : softError.toString(), Outcome.OK);
        } catch (CommandFailure f) {
            return new CommandResult(c.name(), Map.of(), f.getMessage(), f.outcome());
        } catch (RuntimeException e) {
            LOG.error("Command {} failed", c.name(), e);
            return new CommandResult(c.name(), Map.of(), "Command " + c.name() + " failed: " + e, Outcome.FAILED);
        }
    }
}
