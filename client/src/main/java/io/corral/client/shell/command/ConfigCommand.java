package io.corral.client.shell.command;

import io.corral.client.DataAndStat;
import io.corral.client.ZkException;
import io.corral.client.shell.CliException;
import io.corral.client.shell.CommandContext;
import io.corral.client.shell.OptionSpec;
import io.corral.client.shell.ParsedArgs;
import io.corral.client.shell.ShellCommand;
import io.corral.client.shell.StatPrinter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code config [-c] [-w] [-s]}: the data of /zookeeper/config (empty on a standalone server); with -c only the
 * config version and the client addresses, as a connect string.
 */
public final class ConfigCommand extends ShellCommand {
    public ConfigCommand() {
        super("config", "[-c] [-w] [-s]", new OptionSpec()
                .flag('s', "stats").flag('w', "watch").flag('c', "client connection string"));
    }

    @Override
    public void execute(ParsedArgs args, CommandContext context)
            throws CliException, ZkException, InterruptedException {
        DataAndStat result = context.client().getConfig(args.has('w'));
        String text = result.data() == null ? "null" : new String(result.data(), StandardCharsets.UTF_8);
        context.out().println(args.has('c') ? clientConfig(text) : text);
        if (args.has('s')) {
            StatPrinter.print(result.stat(), context.out());
        }
    }

    /**
     * "version connectString" from lines like {@code server.1=host:2888:3888:participant;0.0.0.0:2181} and
     * {@code version=100000000}. A server without a client part is listed as nothing, as zkCli does.
     */
    static String clientConfig(String config) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(config));
        } catch (IOException e) {
            return "";
        }
        String version = props.getProperty("version", "").trim();
        List<String> clients = new ArrayList<>();
        for (String key : props.stringPropertyNames().stream().sorted().toList()) {
            if (key.trim().startsWith("server.")) {
                clients.add(clientAddress(props.getProperty(key).trim()));
            }
        }
        return version + " " + String.join(",", clients);
    }

    private static String clientAddress(String serverValue) {
        int semicolon = serverValue.indexOf(';');
        if (semicolon < 0) {
            return "";
        }
        String client = serverValue.substring(semicolon + 1).trim();
        if (client.contains(":")) {
            return client;
        }
        String serverHost = serverValue.substring(0, serverValue.indexOf(':') < 0 ? 0 : serverValue.indexOf(':'));
        return serverHost + ":" + client;
    }
}
