package io.corral.persistence.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The version-2 directories and making their entries (creates, renames, deletes) durable. */
final class Directories {
    private Directories() {
    }

    /** {@code base/version-2}, created if missing. */
    static Path versionDir(Path base) throws IOException {
        Path dir = base.resolve(FileNames.VERSION_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("Cannot create " + dir + " (" + e + "): check the path and its permissions", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("Cannot write to " + dir + ": check its permissions");
        }
        return dir;
    }

    /**
     * fsyncs a directory, so that a file created, renamed or deleted in it stays so after a crash. Some
     * platforms (Windows) cannot open a directory; there the rename or create is as durable as they make it.
     */
    static void sync(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
