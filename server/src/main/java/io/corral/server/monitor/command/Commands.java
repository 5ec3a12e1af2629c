package io.corral.server.monitor.command;

import io.corral.server.monitor.Command;
import java.util.List;

/** Every command Corral implements, for the registry. */
public final class Commands {
    private Commands() {
    }

    public static List<Command> all() {
        return List.of(
                new RuokCommand(),
                new ServerStatsCommand(false),
                new ServerStatsCommand(true),
                new MonitorCommand(),
                new ConfigurationCommand(),
                new ConnectionsCommand(),
                new ResetCommands.ConnectionStatReset(),
                new ResetCommands.StatReset(),
                new DumpCommand(),
                new EnvironmentCommand(),
                new SystemPropertiesCommand(),
                new WatchCommands.Summary(),
                new WatchCommands.BySession(),
                new WatchCommands.ByPath(),
                new DirsCommand(),
                new IsReadOnlyCommand(),
                new HashCommand(),
                new TraceMaskCommands.Get(),
                new TraceMaskCommands.Set(),
                new InitialConfigurationCommand(),
                new LastSnapshotCommand(),
                new QuorumCommands.Leader(),
                new QuorumCommands.VotingView(),
                new QuorumCommands.Observers(),
                new QuorumCommands.ObserverStatReset(),
                new QuorumCommands.ZabState(),
                new SnapshotCommand(),
                new RestoreCommand());
    }
}
