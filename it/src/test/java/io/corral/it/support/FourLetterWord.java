package io.corral.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One four-letter word over a fresh connection to a server's client port: the whole answer, read until EOF. */
public final class FourLetterWord {
    private FourLetterWord() {
    }

    public static String ask(String host, int port, String cmd, int connectTimeoutMs, int readTimeoutMs)
            throws IOException {
        if (cmd.length() != 4) {
            throw new IllegalArgumentException("not a four-letter word: " + cmd);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            socket.setSoTimeout(readTimeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(cmd.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                answer.write(buf, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
