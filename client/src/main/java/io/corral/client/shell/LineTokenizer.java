package io.corral.client.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line as zkCli does: words are separated by white space; a word that starts with a double or single
 * quote runs to the matching quote and may contain spaces (the quotes are removed); a quote inside a word is kept;
 * an opening quote that is never closed is dropped.
 */
public final class LineTokenizer {
    private LineTokenizer() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    i++;
                } else {
                    words.add(line.substring(i + 1, close));
                    i = close + 1;
                }
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                words.add(line.substring(i, end));
                i = end;
            }
        }
        return words;
    }
}
