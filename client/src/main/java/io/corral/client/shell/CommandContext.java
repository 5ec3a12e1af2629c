package io.corral.client.shell;

import io.corral.client.ZkClient;
import java.io.PrintStream;

/** What a command may use: the connected client and the shell's output streams. */
public interface CommandContext {
    ZkClient client();

    PrintStream out();

    PrintStream err();
}
