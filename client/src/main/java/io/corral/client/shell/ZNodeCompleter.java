package io.corral.client.shell;

import io.corral.client.ZkClient;
import io.corral.client.ZkException;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: the first word completes to command names, a word starting with '/' to the children of the node
 * it names so far (asked from the server, only while connected, so a dead connection never stalls the prompt).
 */
final class ZNodeCompleter implements Completer {
    private final Supplier<ZkClient> client;
    private final List<String> commands;

    ZNodeCompleter(Supplier<ZkClient> client, List<String> commands) {
        this.client = client;
        this.commands = List.copyOf(commands);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0) {
            for (String command : commands) {
                candidates.add(new Candidate(command));
            }
        } else if (word.startsWith("/")) {
            candidates.addAll(paths(word));
        }
    }

    List<Candidate> paths(String word) {
        ZkClient zk = client.get();
        if (zk == null || !zk.state().isConnected()) {
            return List.of();
        }
        int slash = word.lastIndexOf('/');
        String parent = slash == 0 ? "/" : word.substring(0, slash);
        String prefix = word.substring(slash + 1);
        List<String> children;
        try {
            children = zk.getChildren(parent, false);
        } catch (ZkException | IllegalArgumentException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        String base = parent.equals("/") ? "/" : parent + "/";
        return children.stream()
                .filter(child -> child.startsWith(prefix))
                .sorted()
                // Not "complete": no space after it, so the user can go on with '/' and the next level.
                .map(child -> new Candidate(base + child, child, null, null, null, null, false))
                .toList();
    }
}
