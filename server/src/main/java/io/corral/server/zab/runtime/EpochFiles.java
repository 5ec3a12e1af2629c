package io.corral.server.zab.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code currentEpoch} and {@code acceptedEpoch} in {@code <dataDir>/version-2}, one decimal number each, as
 * ZooKeeper keeps them. Written to a temporary file, fsynced and renamed, so a crash leaves the old value or the
 * new one, never half of either: ZAB's safety rests on a server never forgetting an epoch it accepted.
 */
public final class EpochFiles {
    private final Path dir;

    public EpochFiles(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("version-2");
        Files.createDirectories(dir);
    }

    public long acceptedEpoch() throws IOException {
        return read("acceptedEpoch");
    }

    public long currentEpoch() throws IOException {
        return read("currentEpoch");
    }

    void acceptedEpoch(long epoch) throws IOException {
        write("acceptedEpoch", epoch);
    }

    void currentEpoch(long epoch) throws IOException {
        write("currentEpoch", epoch);
    }

    private long read(String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return 0;
        }
        String text = Files.readString(f, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("Invalid epoch '" + text + "' in " + f + ": expected a decimal number");
        }
    }

    private void write(String name, long epoch) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(Long.toString(epoch).getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename is still atomic.
        }
    }
}
