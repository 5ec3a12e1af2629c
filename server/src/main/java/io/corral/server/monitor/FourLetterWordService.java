package io.corral.server.monitor;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four-letter words: the whitelist ({@code 4lw.commands.whitelist}, ZooKeeper's default being srvr alone), then
 * the registry's command rendered as ZooKeeper's text.
 *
 * <p>Threads: the network layer hands a word over with {@link #answer} and goes back to its selector; the word
 * runs on the monitor thread, which may wait (a bounded time) for the pipeline, and the text comes back through
 * the callback. The queue is bounded: a flood of words beyond it is answered "not serving" at once.
 */
public final class FourLetterWordService {
    private static final Logger LOG = LoggerFactory.getLogger(FourLetterWordService.class);
    /** Every word ZooKeeper 3.9 knows. */
    public static final Set<String> WORDS = Set.of("conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash",
            "isro", "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");
    /** Words ZooKeeper answers while it is not serving (isro answers "null" then). */
    private static final Set<String> ANSWERED_WHILE_NOT_SERVING = Set.of("ruok", "envi", "gtmk", "stmk");
    private static final int QUEUE = 256;

    private final CommandRegistry registry;
    private final MonitorContext ctx;
    private final ThreadPoolExecutor executor;

    public FourLetterWordService(CommandRegistry registry, MonitorContext ctx) {
        this.registry = registry;
        this.ctx = ctx;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "corral-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    public static boolean isWord(String word) {
        return WORDS.contains(word);
    }

    /** Answers {@code word} on the monitor thread; {@code reply} gets the text exactly once, from some thread. */
    public void answer(String word, Consumer<String> reply) {
        try {
            executor.execute(() -> {
                String text;
                try {
                    text = answerNow(word);
                } catch (RuntimeException e) {
                    LOG.error("Four-letter word {} failed", word, e);
                    text = "Error while running " + word + ": " + e + "\n";
                }
                reply.accept(text);
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Four-letter word {} refused: {} words are already waiting", word, QUEUE);
            reply.accept(notServing(word));
        }
    }

    /** The text for {@code word}, computed on the calling thread (which may wait up to a second for the pipeline). */
    public String answerNow(String word) {
        if (!ctx.config().fourLetterWordAllowed(word)) {
            return word + " is not executed because it is not in the whitelist.\n";
        }
        if (word.equals("ruok")) {
            return "imok";
        }
        Command command = registry.fourLetterWord(word);
        if (command == null) {
            return word + " is not a four-letter word this server knows.\n";
        }
        if (!ANSWERED_WHILE_NOT_SERVING.contains(word) && !ctx.isServing()) {
            return notServing(word);
        }
        CommandResult result = registry.run(command.name(), Map.of(), Caller.anonymous(), ctx);
        return switch (result.outcome()) {
            case OK -> command.text(result.data(), ctx);
            case NOT_SERVING -> notServing(word);
            default -> result.error() + "\n";
        };
    }

    /** ZooKeeper's answers while not serving: isro says null, hash has no newline, the rest have one. */
    static String notServing(String word) {
        return switch (word) {
            case "isro" -> "null";
            case "hash" -> MonitorContext.NOT_SERVING;
            default -> MonitorContext.NOT_SERVING + "\n";
        };
    }

    public void stop() {
        executor.shutdownNow();
    }
}
