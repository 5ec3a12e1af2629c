package io.corral.api.persistence;

import java.io.Closeable;
import java.io.IOException;

/** Entries of a log in zxid order; {@link #next()} returns null at the end. */
public interface LogReader extends Closeable {
    LogEntry next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
