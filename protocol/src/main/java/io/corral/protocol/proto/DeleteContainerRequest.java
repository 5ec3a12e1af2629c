package io.corral.protocol.proto;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import java.nio.charset.StandardCharsets;

/**
 * The one record whose path is a buffer: ZooKeeper writes {@code path.getBytes(UTF_8)}, which differs from a
 * ustring for characters outside the BMP (4 bytes instead of 6), so the bytes are kept as they came.
 */
public record DeleteContainerRequest(byte[] path) implements Record {
    public static DeleteContainerRequest of(String path) {
        return new DeleteContainerRequest(path.getBytes(StandardCharsets.UTF_8));
    }

    public String pathString() {
        return path == null ? null : new String(path, StandardCharsets.UTF_8);
    }

    @Override
    public void write(JuteOutput out) {
        out.writeBuffer(path);
    }

    public static DeleteContainerRequest read(JuteInput in) {
        return new DeleteContainerRequest(in.readBuffer());
    }
}
