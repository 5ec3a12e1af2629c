package io.corral.server.net;

import io.corral.server.monitor.FourLetterWordService;
import java.util.function.Consumer;

/**
 * Four-letter words on the client port: recognised only as the first four bytes of a fresh connection (read as
 * a frame length they would be an absurd size), answered in plain text, then the connection closes. The answer
 * comes from the monitoring command registry, off the selector thread.
 */
public final class FourLetterWords {
    private final FourLetterWordService service;

    public FourLetterWords(FourLetterWordService service) {
        this.service = service;
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
        return FourLetterWordService.isWord(cmd) ? cmd : null;
    }

    /** Hands {@code command} to the monitor thread; {@code reply} gets the text once, on that thread. */
    void answer(String command, Consumer<String> reply) {
        service.answer(command, reply);
    }
}
