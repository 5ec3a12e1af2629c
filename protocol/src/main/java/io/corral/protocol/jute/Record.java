package io.corral.protocol.jute;

/**
 * A jute record: its fields written in declaration order, nothing else. Each implementation also has a
 * {@code static T read(JuteInput)} that is the exact inverse of {@link #write}.
 */
public interface Record {
    void write(JuteOutput out);
}
