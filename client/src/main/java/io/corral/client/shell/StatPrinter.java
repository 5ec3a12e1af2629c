package io.corral.client.shell;

import io.corral.protocol.data.Stat;
import java.io.PrintStream;
import java.util.Date;

/** Prints a Stat the way zkCli does: hex zxids, dates in the JVM's default time zone (java.util.Date's format). */
public final class StatPrinter {
    private StatPrinter() {
    }

    public static void print(Stat stat, PrintStream out) {
        out.println("cZxid = 0x" + Long.toHexString(stat.czxid()));
        out.println("ctime = " + new Date(stat.ctime()));
        out.println("mZxid = 0x" + Long.toHexString(stat.mzxid()));
        out.println("mtime = " + new Date(stat.mtime()));
        out.println("pZxid = 0x" + Long.toHexString(stat.pzxid()));
        out.println("cversion = " + stat.cversion());
        out.println("dataVersion = " + stat.version());
        out.println("aclVersion = " + stat.aversion());
        out.println("ephemeralOwner = 0x" + Long.toHexString(stat.ephemeralOwner()));
        out.println("dataLength = " + stat.dataLength());
        out.println("numChildren = " + stat.numChildren());
    }
}
