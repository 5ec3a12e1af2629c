package io.corral.api.persistence;

import java.io.IOException;

/** The server's side of writing a snapshot: pushes sessions, ACLs and nodes into the backend's sink. */
@FunctionalInterface
public interface SnapshotSource {
    void writeTo(SnapshotSink sink) throws IOException;
}
