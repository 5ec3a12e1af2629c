package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file holds exactly the bytes written, whatever their count against the block and buffer sizes. */
class DirectWriteOutputStreamTest {
    @TempDir
    Path dir;

    private DirectWriteOutputStream open(Path file) throws IOException {
        try {
            return DirectWriteOutputStream.create(file);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "no direct I/O in " + dir + " (" + e + "); FileSnapshotStore falls back to buffered");
            throw e;
        }
    }

    @Test
    void everyLengthAroundTheBlockAndBufferSizesComesBackExactly() throws IOException {
        int block = (int) Files.getFileStore(dir).getBlockSize();
        int buffer = DirectWriteOutputStream.BUFFER_BYTES;
        Random random = new Random(7);
        for (int length : new int[] {0, 1, block - 1, block, block + 1, buffer - 1, buffer, buffer + 1,
                3 * buffer + block / 2}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Path file = dir.resolve("f" + length);
            try (DirectWriteOutputStream out = open(file)) {
                // In pieces of varied size, as the snapshot encoder drains its buffer.
                int at = 0;
                while (at < length) {
                    int n = Math.min(length - at, 1 + random.nextInt(100_000));
                    out.write(bytes, at, n);
                    at += n;
                }
                out.finish();
                assertEquals(length, out.length());
            }
            assertArrayEquals(bytes, Files.readAllBytes(file), "length " + length);
        }
    }

    @Test
    void nothingCanBeWrittenAfterFinishAndAnExistingFileIsNotOverwritten() throws IOException {
        Path file = dir.resolve("f");
        try (DirectWriteOutputStream out = open(file)) {
            out.write(new byte[] {1, 2, 3}, 0, 3);
            out.finish();
            assertThrows(IOException.class, () -> out.write(new byte[] {4}, 0, 1));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class, () -> DirectWriteOutputStream.create(file));
    }
}
