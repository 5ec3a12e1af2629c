package io.corral.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTokenizerTest {
    @Test
    void splitsOnWhiteSpace() {
        assertEquals(List.of("create", "/a", "data"), LineTokenizer.split("  create   /a\tdata "));
    }

    @Test
    void quotedWordsKeepTheirSpacesAndLoseTheirQuotes() {
        assertEquals(List.of("set", "/a", "hello world"), LineTokenizer.split("set /a \"hello world\""));
        assertEquals(List.of("set", "/a", "say \"x\""), LineTokenizer.split("set /a 'say \"x\"'"));
        assertEquals(List.of("set", "/a", ""), LineTokenizer.split("set /a ''"));
    }

    @Test
    void quotesInsideAWordStay() {
        assertEquals(List.of("ab\"cd", "ef\""), LineTokenizer.split("ab\"cd ef\""));
    }

    @Test
    void aQuotedWordEndsAtItsQuote() {
        assertEquals(List.of("a b", "c"), LineTokenizer.split("\"a b\"c"));
    }

    @Test
    void anUnclosedQuoteIsDropped() {
        assertEquals(List.of("create", "/a", "hello"), LineTokenizer.split("create /a \"hello"));
    }

    @Test
    void blankLineHasNoWords() {
        assertEquals(List.of(), LineTokenizer.split("   "));
    }
}
