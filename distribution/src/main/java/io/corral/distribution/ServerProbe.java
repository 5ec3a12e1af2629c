package io.corral.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * What bin/zkServer.sh asks of Java, one command per run:
 * <ul>
 *   <li>{@code srvr <host> <port>}: prints the server's {@code srvr} reply; exit 0, or 1 when nothing answers.</li>
 *   <li>{@code await <host> <port> <pid> <seconds>}: polls {@code srvr} until it reports a Mode, or says it is up but
 *       waiting for its ensemble (exit 0, the reply
 *       printed), the process {@code pid} ends (exit 3) or the time is up (exit 4).</li>
 *   <li>{@code port-free <host> <port>}: binds the port as the server would and lets it go; exit 0 when that
 *       works, 1 with the reason when it does not. An empty host means every address.</li>
 *   <li>{@code version}: the version of this distribution.</li>
 * </ul>
 * {@code srvr} is always answered, whatever {@code 4lw.commands.whitelist} says, so it is the one to ask.
 */
public final class ServerProbe {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PROCESS_ENDED = 3;
    static final int EXIT_TIMED_OUT = 4;

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 5_000;
    /** Between two srvr attempts while a server starts: short, since each attempt is one local connect. */
    private static final long POLL_INTERVAL_MS = 100;
    /** A srvr reply is a few hundred bytes; anything this long is not a server talking to us. */
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private ServerProbe() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 1 && args[0].equals("version")) {
                out.println("Corral, version " + version() + " (speaks the Apache ZooKeeper 3.9 client protocol)");
                return EXIT_OK;
            }
            if (args.length == 3 && args[0].equals("srvr")) {
                return srvr(args[1], port(args[2]), out, err);
            }
            if (args.length == 5 && args[0].equals("await")) {
                return await(args[1], port(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]), out, err);
            }
            if (args.length == 3 && args[0].equals("port-free")) {
                return portFree(args[1], port(args[2]), err);
            }
        } catch (NumberFormatException e) {
            err.println("ServerProbe: not a number: " + e.getMessage());
            return EXIT_USAGE;
        }
        err.println("usage: ServerProbe srvr <host> <port> | await <host> <port> <pid> <seconds>"
                + " | port-free <host> <port> | version");
        return EXIT_USAGE;
    }

    private static int srvr(String host, int port, PrintStream out, PrintStream err) {
        try {
            out.print(fourLetterWord(host, port, "srvr"));
            out.flush();
            return EXIT_OK;
        } catch (IOException e) {
            err.println("No answer from " + host + ":" + port + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int await(String host, int port, long pid, long seconds, PrintStream out, PrintStream err) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String lastProblem = "no attempt made";
        while (true) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                err.println("The server process " + pid + " has ended.");
                return EXIT_PROCESS_ENDED;
            }
            try {
                String reply = fourLetterWord(host, port, "srvr");
                if (reply.contains("Mode:")) {
                    out.print(reply);
                    out.flush();
                    return EXIT_OK;
                }
                if (reply.contains("not currently serving requests")) {
                    // Up and answering, waiting for the rest of its ensemble: as started as a member alone gets.
                    out.println("Waiting for a quorum of its ensemble to serve clients.");
                    out.flush();
                    return EXIT_OK;
                }
                lastProblem = "srvr answered: " + reply.strip();
            } catch (IOException e) {
                lastProblem = e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                err.println("No Mode from srvr on " + host + ":" + port + " within " + seconds + " s (last: "
                        + lastProblem + ").");
                return EXIT_TIMED_OUT;
            }
            LockSupport.parkNanos(POLL_INTERVAL_MS * 1_000_000L);
        }
    }

    private static int portFree(String host, int port, PrintStream err) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the server binds: with SO_REUSEADDR, so that connections in TIME_WAIT do not count as "in use".
            socket.setReuseAddress(true);
            InetSocketAddress address = host.isEmpty() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(host), port);
            socket.bind(address);
            return EXIT_OK;
        } catch (IOException e) {
            err.println(e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Sends {@code word} on a fresh connection and returns everything the server writes before it closes. */
    static String fourLetterWord(String host, int port, String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                reply.write(buffer, 0, n);
                if (reply.size() > MAX_REPLY_BYTES) {
                    throw new IOException("reply longer than " + MAX_REPLY_BYTES + " bytes: not a Corral or ZooKeeper server");
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private static String version() {
        String v = ServerProbe.class.getPackage().getImplementationVersion();
        return v == null ? "unknown (not run from the distribution's jar)" : v;
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port <= 0 || port > 65535) {
            throw new NumberFormatException(text + " is not a port (1-65535)");
        }
        return port;
    }
}
