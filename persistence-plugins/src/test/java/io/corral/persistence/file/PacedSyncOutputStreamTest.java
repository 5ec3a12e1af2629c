package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacedSyncOutputStreamTest {
    @TempDir
    Path dir;

    @Test
    void everyByteReachesTheFileAcrossManySyncSteps() throws IOException {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        Path file = dir.resolve("f");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(
                    new PacedSyncOutputStream(Channels.newOutputStream(ch), ch, 10_000), 4096);
            for (int i = 0; i < data.length; ) {
                int n = Math.min(data.length - i, 1 + (i % 7919));
                if (n == 1) {
                    out.write(data[i]);
                } else {
                    out.write(data, i, n);
                }
                i += n;
            }
            out.flush();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }
}
