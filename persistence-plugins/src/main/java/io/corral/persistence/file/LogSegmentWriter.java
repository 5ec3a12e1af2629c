package io.corral.persistence.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Adler32;

/**
 * Appends entries to one log file through a buffer. Preallocation: before an entry would end within 4096 bytes
 * of the allocated size, the file is extended by whole {@code preAllocBytes} steps (one zero byte written at
 * the new end, so the filesystem leaves a hole of zeros). Appends then overwrite zeros and never change the
 * file's size, so {@code force(false)} has no metadata to write; and the zeros read as "length 0 = end of log".
 * The file's length is always 16 + k * preAllocBytes, as with ZooKeeper.
 *
 * <p>Not thread-safe: {@link FileTxnLog} serializes access.
 */
final class LogSegmentWriter implements Closeable {
    static final int BUFFER_SIZE = 64 * 1024;
    /** ZooKeeper's margin: extend when a write would come this close to the allocated end. */
    static final int PREALLOC_MARGIN = 4096;

    private final Path path;
    private final long startZxid;
    private final FileChannel channel;
    private final long preAllocBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private final Adler32 adler = new Adler32();
    /** Bytes [0, flushed) are in the file; the buffer holds the bytes after them. */
    private long flushed;
    private long allocated;
    /** Written to the channel since the last force. */
    private boolean unforced;
    private boolean directoryEntryDurable;

    private LogSegmentWriter(Path path, long startZxid, FileChannel channel, long preAllocBytes) {
        this.path = path;
        this.startZxid = startZxid;
        this.channel = channel;
        this.preAllocBytes = preAllocBytes;
    }

    /** Creates {@code dir/log.<hex startZxid>}, which must not exist yet, and buffers its header. */
    static LogSegmentWriter create(Path dir, long startZxid, long preAllocBytes) throws IOException {
        Path path = dir.resolve(FileNames.logName(startZxid));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        LogSegmentWriter w = new LogSegmentWriter(path, startZxid, ch, preAllocBytes);
        w.buffer.put(LogFormat.fileHeader());
        w.allocated = LogFormat.HEADER_SIZE;
        return w;
    }

    Path path() {
        return path;
    }

    long startZxid() {
        return startZxid;
    }

    /** The logical end of the log: header and every appended entry, flushed or not. */
    long position() {
        return flushed + buffer.position();
    }

    /** Bytes [0, position()) reach the file at the next flush; beyond them lie zeros up to this size. */
    long allocated() {
        return allocated;
    }

    boolean unforced() {
        return unforced || buffer.position() > 0;
    }

    /** Frames and buffers one entry; the caller checked that it starts with a TxnHeader. */
    void append(byte[] bytes) throws IOException {
        int frame = LogFormat.ENTRY_OVERHEAD + bytes.length;
        preallocate(position() + frame);
        adler.reset();
        adler.update(bytes, 0, bytes.length);
        long checksum = adler.getValue();
        if (frame > buffer.remaining()) {
            flush();
        }
        if (frame <= buffer.remaining()) {
            buffer.putLong(checksum).putInt(bytes.length).put(bytes).put(LogFormat.END_OF_RECORD);
            return;
        }
        // Larger than the whole buffer: write it straight through.
        ByteBuffer head = ByteBuffer.allocate(12).putLong(checksum).putInt(bytes.length).flip();
        writeFully(head);
        writeFully(ByteBuffer.wrap(bytes));
        writeFully(ByteBuffer.wrap(new byte[] {LogFormat.END_OF_RECORD}));
    }

    private void preallocate(long end) throws IOException {
        if (preAllocBytes <= 0 || end + PREALLOC_MARGIN <= allocated) {
            return;
        }
        long target = allocated;
        while (end + PREALLOC_MARGIN > target) {
            target += preAllocBytes;
        }
        // Beyond everything buffered, so a later flush never overlaps it.
        channel.write(ByteBuffer.wrap(new byte[1]), target - 1);
        allocated = target;
        unforced = true;
    }

    /** Hands the buffered bytes to the OS (no fsync): readers see them from now on. */
    void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            flushed += channel.write(src, flushed);
            unforced = true;
        }
        if (flushed > allocated) {
            allocated = flushed; // only without preallocation
        }
    }

    /** fsyncs the file's content (fdatasync): its size only changes at preallocation, which this covers too. */
    void force() throws IOException {
        channel.force(false);
        unforced = false;
    }

    /** Whether the directory entry of this new file has been fsynced; it must be once before commit returns. */
    boolean directoryEntryDurable() {
        return directoryEntryDurable;
    }

    void markDirectoryEntryDurable() {
        directoryEntryDurable = true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
