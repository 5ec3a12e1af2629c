package io.corral.persistence.file;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * Writes a large file (a snapshot) to its channel and makes it durable as it goes: every {@code syncEveryBytes}
 * the data written so far is fsynced. Why: a snapshot of a million znodes is some 200 MB; left dirty until one
 * final fsync, the kernel flushes it in a burst that the transaction log's own fdatasyncs then queue behind
 * (on ext4 a journal commit waits for such data), and every write acknowledged meanwhile waits with them. Syncing
 * in steps keeps that backlog small. The final fsync (by the caller) then only covers the tail.
 */
final class PacedSyncOutputStream extends FilterOutputStream {
    private final FileChannel channel;
    private final long syncEveryBytes;
    private long sinceSync;

    PacedSyncOutputStream(OutputStream out, FileChannel channel, long syncEveryBytes) {
        super(out);
        this.channel = channel;
        this.syncEveryBytes = syncEveryBytes;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sinceSync += len;
        if (sinceSync >= syncEveryBytes) {
            channel.force(false);
            sinceSync = 0;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
