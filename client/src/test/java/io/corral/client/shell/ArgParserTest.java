package io.corral.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private final OptionSpec spec = new OptionSpec().flag('s', "stat").flag('w', "watch").withValue('v', "version");

    private ParsedArgs parse(String line) throws CliException {
        return ArgParser.parse(LineTokenizer.split(line), spec);
    }

    @Test
    void optionsAnywhere() throws CliException {
        ParsedArgs a = parse("set /a data -s -v 3");
        assertEquals(List.of("set", "/a", "data"), a.args());
        assertTrue(a.has('s'));
        assertEquals("3", a.value('v'));
        assertFalse(a.has('w'));
    }

    @Test
    void combinedFlagsAndAttachedValues() throws CliException {
        ParsedArgs a = parse("get -sw -v7 /a");
        assertTrue(a.has('s') && a.has('w'));
        assertEquals("7", a.value('v'));
        assertEquals(List.of("get", "/a"), a.args());
    }

    @Test
    void negativeNumberIsAValue() throws CliException {
        assertEquals(-1, parse("delete -v -1 /a").intValue('v', 0));
    }

    @Test
    void doubleDashEndsOptions() throws CliException {
        assertEquals(List.of("set", "/a", "-s"), parse("set /a -- -s").args());
    }

    @Test
    void unknownOptionIsAnError() {
        assertEquals("Unrecognized option: -x", assertThrows(CliException.class, () -> parse("ls -x /")).getMessage());
        assertEquals("Unrecognized option: -sx",
                assertThrows(CliException.class, () -> parse("ls -sx /")).getMessage());
        assertEquals("Unrecognized option: -1", assertThrows(CliException.class, () -> parse("set /a -1")).getMessage());
    }

    @Test
    void missingValue() {
        assertEquals("Missing argument for option: v",
                assertThrows(CliException.class, () -> parse("delete /a -v")).getMessage());
        assertThrows(CliException.class, () -> parse("delete -v -s /a"));
    }

    @Test
    void badNumber() throws CliException {
        ParsedArgs a = parse("delete -v x /a");
        assertEquals("-v argument must be an int value",
                assertThrows(CliException.class, () -> a.intValue('v', -1)).getMessage());
    }

    @Test
    void usageListsOptionsAlignedAndSorted() {
        String nl = System.lineSeparator();
        OptionSpec set = new OptionSpec().flag('s', "Print znode stats additionally")
                .withValue('v', "Set with an expected version").flag('b', "Supply data in base64 format");
        assertEquals(" -b         Supply data in base64 format" + nl
                + " -s         Print znode stats additionally" + nl
                + " -v <arg>   Set with an expected version", set.describe());
    }
}
