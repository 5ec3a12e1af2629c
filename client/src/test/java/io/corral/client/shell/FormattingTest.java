package io.corral.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.client.ZkException;
import io.corral.protocol.Code;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.data.Stat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact text zkCli prints, which scripts depend on. */
class FormattingTest {
    @Test
    void statLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatPrinter.print(new Stat(0x1f, 0x20, 0, 1000, 2, 3, 1, 0x0100_0000_0000_0007L, 5, 1, 0x21),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String nl = System.lineSeparator();
        assertEquals("cZxid = 0x1f" + nl
                + "ctime = " + new Date(0) + nl
                + "mZxid = 0x20" + nl
                + "mtime = " + new Date(1000) + nl
                + "pZxid = 0x21" + nl
                + "cversion = 3" + nl
                + "dataVersion = 2" + nl
                + "aclVersion = 1" + nl
                + "ephemeralOwner = 0x100000000000007" + nl
                + "dataLength = 5" + nl
                + "numChildren = 1" + nl, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aclOutputPutsPermsOnTheNextLine() {
        assertEquals("'world,'anyone\n: cdrwa", AclText.format(new ACL(Perms.ALL, new Id("world", "anyone"))));
        assertEquals("'digest,'bob:abc%2Cd\n: r", AclText.format(new ACL(Perms.READ, new Id("digest", "bob:abc,d"))));
        assertEquals("rwa", AclText.perms(Perms.READ | Perms.WRITE | Perms.ADMIN));
    }

    @Test
    void aclInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(List.of(new ACL(Perms.ALL, new Id("world", "anyone")),
                        new ACL(Perms.READ | Perms.WRITE, new Id("digest", "bob:x:y"))),
                AclText.parse("world:anyone:cdrwa,digest:bob:x:y:rw", errStream));
        assertEquals(List.of(new ACL(Perms.READ, new Id("ip", "1.2.3.4"))), AclText.parse("bad,ip:1.2.3.4:rq", errStream));
        String nl = System.lineSeparator();
        assertEquals("bad does not have the form scheme:id:perm" + nl + "Unknown perm type: q" + nl,
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void errorMessages() {
        assertEquals("Node does not exist: /x", ErrorMessages.of(new ZkException(Code.NONODE, "/x")));
        assertEquals("Node already exists: /x", ErrorMessages.of(new ZkException(Code.NODEEXISTS, "/x")));
        assertEquals("version No is not valid : /x", ErrorMessages.of(new ZkException(Code.BADVERSION, "/x")));
        assertEquals("Insufficient permission : /x", ErrorMessages.of(new ZkException(Code.NOAUTH, "/x")));
        assertEquals("KeeperErrorCode = ConnectionLoss for /x",
                ErrorMessages.of(new ZkException(Code.CONNECTIONLOSS, "/x")));
        assertEquals("KeeperErrorCode = Session expired", ErrorMessages.of(new ZkException(Code.SESSIONEXPIRED, null)));
    }

    @Test
    void hexDump() {
        String nl = System.lineSeparator();
        assertEquals("         +-------------------------------------------------+" + nl
                + "         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |" + nl
                + "+--------+-------------------------------------------------+----------------+" + nl
                + "|00000000| 68 65 6c 6c 6f 00                               |hello.          |" + nl
                + "+--------+-------------------------------------------------+----------------+",
                DataFormat.HEX.format("hello\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals("aGk=", DataFormat.BASE64.format("hi".getBytes(StandardCharsets.UTF_8)));
    }
}
