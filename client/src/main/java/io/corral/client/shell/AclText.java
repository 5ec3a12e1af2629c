package io.corral.client.shell;

import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * ACLs as zkCli reads and writes them: {@code scheme:id:perms[,...]} in; {@code 'scheme,'id}, a newline and
 * {@code : perms} out.
 */
public final class AclText {
    private AclText() {
    }

    /**
     * Parses {@code world:anyone:cdrwa,digest:bob:hash:r}. An entry without two colons, or a perm letter other than
     * c d r w a, is reported on {@code err} and skipped (the rest of the entry still counts), as zkCli does.
     */
    public static List<ACL> parse(String text, PrintStream err) {
        List<ACL> acl = new ArrayList<>();
        for (String entry : text.split(",")) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first < 0 || first == last) {
                err.println(entry + " does not have the form scheme:id:perm");
                continue;
            }
            Id id = new Id(entry.substring(0, first), entry.substring(first + 1, last));
            acl.add(new ACL(parsePerms(entry.substring(last + 1), err), id));
        }
        return acl;
    }

    private static int parsePerms(String letters, PrintStream err) {
        int perms = 0;
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'r' -> perms |= Perms.READ;
                case 'w' -> perms |= Perms.WRITE;
                case 'c' -> perms |= Perms.CREATE;
                case 'd' -> perms |= Perms.DELETE;
                case 'a' -> perms |= Perms.ADMIN;
                default -> err.println("Unknown perm type: " + c);
            }
        }
        return perms;
    }

    /** "cdrwa" order, as zkCli prints it. */
    public static String perms(int perms) {
        StringBuilder text = new StringBuilder();
        if ((perms & Perms.CREATE) != 0) {
            text.append('c');
        }
        if ((perms & Perms.DELETE) != 0) {
            text.append('d');
        }
        if ((perms & Perms.READ) != 0) {
            text.append('r');
        }
        if ((perms & Perms.WRITE) != 0) {
            text.append('w');
        }
        if ((perms & Perms.ADMIN) != 0) {
            text.append('a');
        }
        return text.toString();
    }

    /**
     * One ACL entry as getAcl prints it. The id part is jute's record text form: each field quoted with a leading
     * apostrophe, comma-separated, ending in a newline, so the perms land on the next line after ": ".
     */
    public static String format(ACL acl) {
        return quote(acl.id().scheme()) + "," + quote(acl.id().id()) + "\n: " + perms(acl.perms());
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(s.length() + 1).append('\'');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\0' -> text.append("%00");
                case '\n' -> text.append("%0A");
                case '\r' -> text.append("%0D");
                case ',' -> text.append("%2C");
                case '}' -> text.append("%7D");
                case '%' -> text.append("%25");
                default -> text.append(c);
            }
        }
        return text.toString();
    }
}
